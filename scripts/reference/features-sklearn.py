#!/usr/bin/python3
"""Reference values hard-coded in tests/features/{murmurhash3,feature-hasher,one-hot,ordinal-encoder}.test.ts and
tests/preprocessing/{simple-imputer,knn-imputer}.test.ts: scikit-learn 1.2.1 (Debian python3-sklearn).

Run with Debian's python3: /usr/bin/python3 scripts/reference/features-sklearn.py (prints; nothing is written).
TargetEncoder is scikit-learn >= 1.3, not in Debian: its tests use hand-computed cases and a brute-force loop.
"""
import numpy as np
from sklearn.utils import murmurhash3_32
from sklearn.feature_extraction import FeatureHasher
from sklearn.preprocessing import OneHotEncoder, OrdinalEncoder
from sklearn.impute import SimpleImputer, KNNImputer
for k in ['', 'a', 'ab', 'abc', 'abcd', 'abcde', 'ford', 'make=ford', 'chevrolet chevelle malibu', 'café', '日本']:
    print(repr(k), murmurhash3_32(k, seed=0), murmurhash3_32(k, seed=42), murmurhash3_32(k, seed=0, positive=True))
h = FeatureHasher(n_features=8, input_type='string')
X = h.transform([['a','b','a'], ['make=ford','origin=USA'], ['ford']]).toarray()
print(X.tolist())
h = FeatureHasher(n_features=16, input_type='dict')
print(h.transform([{'make':'ford','hp':130.0,'origin':'USA'}]).toarray().tolist())
h = FeatureHasher(n_features=8, input_type='string', alternate_sign=False)
print(h.transform([['a','b','a'], ['make=ford','origin=USA'], ['ford']]).toarray().tolist())
rows=[['red','S'],['blue','M'],['red','M'],['Green','L']]
e=OneHotEncoder(sparse_output=False).fit(rows); print(e.transform(rows).tolist(), e.get_feature_names_out(['colour','size']).tolist())
e=OneHotEncoder(sparse_output=False, drop='first').fit(rows); print(e.transform(rows).tolist(), e.get_feature_names_out(['colour','size']).tolist())
e=OneHotEncoder(sparse_output=False, handle_unknown='ignore').fit(rows); print(e.transform([['pink','S']]).tolist())
o=OrdinalEncoder().fit(rows); print(o.transform(rows).tolist())
nan=np.nan
X=np.array([[1.0,2.0,nan,4.0],[3.0,nan,1.5,0.5],[nan,6.0,2.5,1.0],[7.0,8.0,nan,2.0],[2.0,2.0,2.0,nan],[5.0,1.0,0.5,3.0],[4.0,nan,3.5,3.5]])
for s in ['mean','median','most_frequent']:
    print(s, SimpleImputer(strategy=s).fit_transform(X).tolist())
print('ind', SimpleImputer(strategy='mean', add_indicator=True).fit_transform(X).tolist())
for k in [1,2,3]:
    print('knn',k, KNNImputer(n_neighbors=k).fit_transform(X).tolist())
Xt=np.array([[nan,nan,1.0,1.0],[6.0,7.0,nan,nan]])
print('knn-t', KNNImputer(n_neighbors=2).fit(X).transform(Xt).tolist())
from sklearn.metrics.pairwise import nan_euclidean_distances
print('nd', nan_euclidean_distances(X[:3], X[:3]).tolist())
