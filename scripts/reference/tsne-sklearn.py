#!/usr/bin/python3
"""Reference values for tests/unsupervised/tsne.test.ts and tests/unsupervised/trustworthiness.test.ts: scikit-learn 1.2's
t-SNE affinities (sklearn.manifold._t_sne._joint_probabilities), its KL divergence and gradient
(sklearn.manifold._t_sne._kl_divergence) and sklearn.manifold.trustworthiness, on a small seeded data set.

Run with Debian's python3 (it has numpy, scipy and scikit-learn; CI does not):
    /usr/bin/python3 scripts/reference/tsne-sklearn.py
It writes tests/fixtures/reference/tsne.json (atomically). The data, the embedding and the results are stored in the
fixture, so the tests need neither Python nor numpy's generator. Note: _joint_probabilities casts the squared
distances to float32 and stops its binary search when the row entropy is within 1e-5 nats of log(perplexity), so
its P agrees with an exact calibration only to about 1e-5 relative.
"""
import json
import os
import tempfile

import numpy as np
import sklearn
from scipy.spatial.distance import squareform
from sklearn.manifold import _t_sne, trustworthiness
from sklearn.metrics import pairwise_distances

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'tests', 'fixtures', 'reference', 'tsne.json')


def main():
    rng = np.random.default_rng(20261228)
    n, d = 40, 6
    centres = rng.normal(0.0, 3.0, (3, d))
    X = np.round(centres[np.arange(n) % 3] + rng.normal(0.0, 1.0, (n, d)), 4)
    Y = np.round(rng.normal(0.0, 2.0, (n, 2)), 4)
    D2 = pairwise_distances(X, metric='euclidean', squared=True)  # as TSNE._fit does for the exact method
    affinities = []
    for perplexity in (5.0, 12.0):
        P = squareform(_t_sne._joint_probabilities(D2, perplexity, 0))
        affinities.append({'perplexity': perplexity, 'P': [[float(v) for v in r] for r in P]})
    kl, grad = _t_sne._kl_divergence(Y.ravel().astype(np.float64), squareform(np.array(affinities[0]['P']), checks=False), 1, n, 2)
    out = {
        'source': f'scikit-learn {sklearn.__version__}, numpy {np.__version__}: scripts/reference/tsne-sklearn.py',
        'X': X.tolist(),
        'Y': Y.tolist(),
        'affinities': affinities,
        'kl': {'perplexity': 5.0, 'kl': float(kl), 'grad': grad.reshape(n, 2).tolist()},
        # the random Y, and X's first two columns (an embedding that keeps much of the structure)
        'trustworthiness': [{'embedding': name, 'k': k, 'value': float(trustworthiness(X, E, n_neighbors=k))}
                            for name, E in (('Y', Y), ('X[:, :2]', X[:, :2])) for k in (1, 5, 10)],
    }
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=os.path.dirname(OUT), suffix='.json')
    with os.fdopen(fd, 'w') as f:
        json.dump(out, f)
        f.write('\n')
    os.replace(tmp, OUT)
    print(f'wrote {os.path.relpath(OUT)}: kl {kl:.6f}, trustworthiness {[t["value"] for t in out["trustworthiness"]]}')


if __name__ == '__main__':
    main()
