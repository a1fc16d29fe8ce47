#!/usr/bin/python3
"""Reference values for tests/classic/smo.test.ts: scikit-learn 1.2 SVC (libsvm) on a small real data set.

Run with Debian's python3 (it has numpy and scikit-learn; CI does not):
    /usr/bin/python3 scripts/reference/svm-sklearn.py
It writes tests/fixtures/reference/svm.json (atomically). Data: iris versicolor (0) vs virginica (1), petal length and
petal width, standardised with the mean and population sd of these 100 rows, rounded to 6 decimals; the rounded
features are stored in the fixture, so the test needs neither Python nor the loader. For each kernel (linear,
polynomial, RBF) and C: SVC's dual_coef_ (alpha_i y_i, y = +1 for class 1), support_, intercept_ and
decision_function on the training rows and on a grid of 25 points. tol = 1e-10 so libsvm stops at the optimum.
"""
import csv
import json
import os
import tempfile

import numpy as np
import sklearn
from sklearn.svm import SVC

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..')
OUT = os.path.join(ROOT, 'tests', 'fixtures', 'reference', 'svm.json')


def load():
    with open(os.path.join(ROOT, 'datasets', 'iris.csv')) as f:
        rows = list(csv.DictReader(f))
    keep = [r for r in rows if r['species'] in ('versicolor', 'virginica')]
    x = np.array([[float(r['petal_length']), float(r['petal_width'])] for r in keep])
    y = np.array([1 if r['species'] == 'virginica' else 0 for r in keep])
    x = np.round((x - x.mean(axis=0)) / x.std(axis=0), 6)
    return x, y


def main():
    x, y = load()
    g = np.linspace(-2.0, 2.0, 5)
    grid = np.array([[a, b] for a in g for b in g])
    cases = []
    for name, params in [
        ('linear, C = 1', dict(kernel='linear', C=1.0)),
        ('linear, C = 0.05', dict(kernel='linear', C=0.05)),
        ('polynomial degree 3, gamma 0.5, coef0 1, C = 1', dict(kernel='poly', degree=3, gamma=0.5, coef0=1.0, C=1.0)),
        ('rbf, gamma 0.5, C = 1', dict(kernel='rbf', gamma=0.5, C=1.0)),
        ('rbf, gamma 5, C = 10', dict(kernel='rbf', gamma=5.0, C=10.0)),
        ('rbf, gamma scale, C = 0.5', dict(kernel='rbf', gamma='scale', C=0.5)),
    ]:
        m = SVC(tol=1e-10, max_iter=-1, **params).fit(x, y)
        ours = {'kernel': {'linear': 'linear', 'poly': 'polynomial', 'rbf': 'rbf'}[params['kernel']], 'C': params['C']}
        if 'gamma' in params:
            ours['gamma'] = params['gamma']
        if 'degree' in params:
            ours['degree'] = params['degree']
            ours['coef0'] = params['coef0']
        cases.append({
            'name': name,
            'options': ours,
            'gamma_used': float(m._gamma),
            'support': [int(i) for i in m.support_],
            'dual_coef': [float(v) for v in m.dual_coef_[0]],
            'intercept': float(m.intercept_[0]),
            'decision_train': [float(v) for v in m.decision_function(x)],
            'decision_grid': [float(v) for v in m.decision_function(grid)],
        })
    out = {
        'generator': 'scripts/reference/svm-sklearn.py',
        'sklearn': sklearn.__version__,
        'data': 'iris versicolor (0) vs virginica (1), standardised petal length and width, 6 decimals',
        'x': [[float(a), float(b)] for a, b in x],
        'y': [int(v) for v in y],
        'grid': [[float(a), float(b)] for a, b in grid],
        'cases': cases,
    }
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=os.path.dirname(OUT), suffix='.tmp')
    with os.fdopen(fd, 'w') as f:
        json.dump(out, f, indent=1)
        f.write('\n')
    os.replace(tmp, OUT)
    print(f'wrote {OUT}: {len(cases)} cases, {len(x)} rows')


if __name__ == '__main__':
    main()
