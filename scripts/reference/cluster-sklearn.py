#!/usr/bin/python3
"""Reference values for tests/classic/discriminant-analysis.test.ts and tests/unsupervised/{dbscan,agglomerative,
silhouette}.test.ts, tests/metrics/adjusted-rand-index.test.ts: scikit-learn 1.2 LinearDiscriminantAnalysis /
QuadraticDiscriminantAnalysis / DBSCAN / silhouette_samples / adjusted_rand_score and scipy 1.10
cluster.hierarchy.linkage / fcluster, on seeded data stored in the fixture itself.

Run with Debian's python3 (it has numpy, scipy and scikit-learn; the first python3 on PATH may not):
    /usr/bin/python3 scripts/reference/cluster-sklearn.py
It writes tests/fixtures/reference/discriminant-clustering.json (atomically).
"""
import json
import os
import tempfile

import numpy as np
import scipy
import sklearn
from scipy.cluster.hierarchy import fcluster, linkage
from sklearn.cluster import DBSCAN
from sklearn.discriminant_analysis import LinearDiscriminantAnalysis, QuadraticDiscriminantAnalysis
from sklearn.metrics import adjusted_rand_score, silhouette_samples, silhouette_score

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'tests', 'fixtures', 'reference', 'discriminant-clustering.json')


def rows(a, decimals=6):
    # rounded so the JSON stays short; the rounded values are what scikit-learn sees
    return [[float(v) for v in r] for r in np.round(np.asarray(a, dtype=float), decimals)]


def gaussian_classes(rng, n_per, means, scales):
    xs, ys = [], []
    for c, (m, s) in enumerate(zip(means, scales)):
        a = rng.normal(size=(len(m), len(m))) * s
        xs.append(rng.normal(size=(n_per[c], len(m))) @ a + np.array(m))
        ys += [c] * n_per[c]
    return np.round(np.vstack(xs), 6), np.array(ys)


def discriminant_cases(rng):
    out = []
    specs = [
        ('3 classes in 4-D, unequal sizes and covariances', [40, 25, 35], [[0, 0, 0, 0], [2, 1, 0, -1], [-1, 2, 1, 0]], [1.0, 0.6, 1.4], None),
        ('2 classes in 2-D', [30, 50], [[0, 0], [1.5, 1.0]], [1.0, 0.5], None),
        ('3 classes in 3-D with given priors 0.2/0.3/0.5', [20, 20, 20], [[0, 0, 0], [1, 1, 0], [0, 1, 1]], [0.8, 1.0, 1.2], [0.2, 0.3, 0.5]),
    ]
    for name, n_per, means, scales, priors in specs:
        x, y = gaussian_classes(rng, n_per, means, scales)
        test = np.round(rng.normal(size=(15, x.shape[1])) * 1.5 + x.mean(axis=0), 6)
        lda = LinearDiscriminantAnalysis(priors=priors).fit(x, y)
        qda = QuadraticDiscriminantAnalysis(priors=priors).fit(x, y)
        qda_reg = QuadraticDiscriminantAnalysis(priors=priors, reg_param=0.3).fit(x, y)
        out.append({
            'name': name, 'x': rows(x), 'y': [int(v) for v in y], 'test': rows(test), 'priors': priors,
            'ldaProba': rows(lda.predict_proba(test), 17), 'ldaPredict': [int(v) for v in lda.predict(test)],
            # the pooled within-class covariance (denominator n - K) that scikit-learn's default 'svd' solver whitens with
            'ldaCovariance': rows(sum((x[y == k] - x[y == k].mean(axis=0)).T @ (x[y == k] - x[y == k].mean(axis=0)) for k in np.unique(y)) / (len(y) - len(np.unique(y))), 17),
            'qdaProba': rows(qda.predict_proba(test), 17), 'qdaPredict': [int(v) for v in qda.predict(test)],
            'qdaReg03Proba': rows(qda_reg.predict_proba(test), 17),
        })
    return out


def dbscan_cases(rng):
    out = []
    blobs = np.vstack([rng.normal(size=(40, 2)) * 0.3 + [0, 0], rng.normal(size=(40, 2)) * 0.5 + [3, 3], rng.uniform(-2, 5, size=(20, 2))])
    blobs = np.round(blobs, 6)
    for eps, ms in [(0.5, 5), (0.3, 4), (0.8, 10)]:
        db = DBSCAN(eps=eps, min_samples=ms).fit(blobs)
        out.append({'name': f'two blobs + uniform noise, eps {eps}, min_samples {ms}', 'x': rows(blobs), 'eps': eps, 'minSamples': ms,
                    'labels': [int(v) for v in db.labels_], 'core': [int(v) for v in db.core_sample_indices_]})
    # integer grid: distances exactly equal to eps (1.0) must count (<= eps)
    grid = np.array([[0, 0], [1, 0], [2, 0], [3, 0], [10, 0], [10, 1], [11, 0], [20, 20], [5, 0]], dtype=float)
    db = DBSCAN(eps=1.0, min_samples=3).fit(grid)
    out.append({'name': 'integer grid, neighbours at exactly eps = 1', 'x': rows(grid), 'eps': 1.0, 'minSamples': 3,
                'labels': [int(v) for v in db.labels_], 'core': [int(v) for v in db.core_sample_indices_]})
    return out


def linkage_cases(rng):
    out = []
    for name, x in [('40 points in 3-D, standard normal', rng.normal(size=(40, 3))),
                    ('30 points in 2-D, three blobs', np.vstack([rng.normal(size=(10, 2)) * 0.4 + c for c in ([0, 0], [3, 0], [0, 4])]))]:
        x = np.round(x, 6)
        case = {'name': name, 'x': rows(x)}
        for method in ['single', 'complete', 'average', 'ward']:
            z = linkage(x, method=method)
            case[method] = rows(z, 17)
            case[method + 'Fcluster'] = {str(k): [int(v) for v in fcluster(z, k, 'maxclust')] for k in (2, 3, 5)}
        out.append(case)
    return out


def silhouette_cases(rng):
    out = []
    x = np.round(np.vstack([rng.normal(size=(25, 2)) * 0.5 + c for c in ([0, 0], [2, 1], [0, 3])]), 6)
    truth = np.repeat([0, 1, 2], 25)
    shuffled = truth.copy()
    rng.shuffle(shuffled[:30])
    singleton = truth.copy()
    singleton[0] = 7
    for name, lab in [('three blobs, true labels', truth), ('three blobs, partly shuffled labels', shuffled), ('a singleton cluster (id 7)', singleton)]:
        out.append({'name': name, 'x': rows(x), 'labels': [int(v) for v in lab],
                    'samples': [float(v) for v in silhouette_samples(x, lab)], 'score': float(silhouette_score(x, lab))})
    return out


def ari_cases(rng):
    out = []
    a = rng.integers(0, 4, 60)
    b = a.copy()
    b[:15] = rng.integers(0, 4, 15)
    for name, u, v in [('4 clusters, a quarter relabelled at random', a, b), ('independent random labels', a, rng.integers(0, 3, 60)),
                       ('renamed clusters (perfect)', a, (a + 1) % 4 * 10 - 1), ('with noise -1', [0, 0, 1, 1, 2, 2, -1, -1], [0, 0, 1, 1, 1, 2, 2, -1])]:
        out.append({'name': name, 'a': [int(t) for t in u], 'b': [int(t) for t in v], 'ari': float(adjusted_rand_score(u, v))})
    return out


def main():
    rng = np.random.default_rng(20261207)
    fixture = {
        'generator': 'scripts/reference/cluster-sklearn.py',
        'versions': {'numpy': np.__version__, 'scipy': scipy.__version__, 'sklearn': sklearn.__version__},
        'discriminant': discriminant_cases(rng),
        'dbscan': dbscan_cases(rng),
        'linkage': linkage_cases(rng),
        'silhouette': silhouette_cases(rng),
        'ari': ari_cases(rng),
    }
    out = os.path.normpath(OUT)
    fd, tmp = tempfile.mkstemp(dir=os.path.dirname(out), suffix='.tmp')
    with os.fdopen(fd, 'w') as f:
        json.dump(fixture, f, separators=(',', ':'))
        f.write('\n')
    os.chmod(tmp, 0o644)
    os.replace(tmp, out)
    print('wrote', out)


if __name__ == '__main__':
    main()
