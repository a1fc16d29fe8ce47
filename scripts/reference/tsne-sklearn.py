#!/usr/bin/python3
"""Reference values for tests/unsupervised/tsne.test.ts and tests/unsupervised/trustworthiness.test.ts: scikit-learn 1.2's
t-SNE affinities (sklearn.manifold._t_sne._joint_probabilities), its KL divergence and gradient
(sklearn.manifold._t_sne._kl_divergence), 300 iterations of its optimiser (_t_sne._gradient_descent, scheduled as
TSNE._tsne does) and sklearn.manifold.trustworthiness, on a small seeded data set.

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
    # scikit-learn's exact-method optimiser on its own P (perplexity 5) from the fixture's Y: early exaggeration 4 with
    # momentum 0.5 for 100 iterations, then momentum 0.8 for 200 more, learning rate 2 (TSNE._tsne's two calls). A gentle
    # schedule on purpose: with learning rate 10 and exaggeration 12 the first iterations oscillate, and rounding
    # differences of 1e-16 grow to O(1) within 60 iterations (chaos, not a bug), so no two implementations agree.
    Pc = squareform(np.array(affinities[0]['P']), checks=False)
    common = dict(n_iter_check=50, min_grad_norm=1e-7, learning_rate=2.0, verbose=0, kwargs=dict(skip_num_points=0))
    params, _, it = _t_sne._gradient_descent(_t_sne._kl_divergence, Y.ravel().astype(np.float64).copy(), it=0, n_iter=100,
                                             n_iter_without_progress=100, momentum=0.5, args=[Pc * 4.0, 1, n, 2], **common)
    assert it == 99, it
    params, _, it = _t_sne._gradient_descent(_t_sne._kl_divergence, params, it=100, n_iter=300,
                                                  n_iter_without_progress=300, momentum=0.8, args=[Pc, 1, n, 2], **common)
    assert it == 299, it
    opt_kl, _ = _t_sne._kl_divergence(params, Pc, 1, n, 2)  # the optimiser reports the KL before its last step
    out = {
        'source': f'scikit-learn {sklearn.__version__}, numpy {np.__version__}: scripts/reference/tsne-sklearn.py',
        'X': X.tolist(),
        'Y': Y.tolist(),
        'affinities': affinities,
        'kl': {'perplexity': 5.0, 'kl': float(kl), 'grad': grad.reshape(n, 2).tolist()},
        'optimize': {'perplexity': 5.0, 'learningRate': 2.0, 'earlyExaggeration': 4.0, 'exaggerationIter': 100, 'nIter': 300,
                     'embedding': params.reshape(n, 2).tolist(), 'kl': float(opt_kl)},
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
    print(f'wrote {os.path.relpath(OUT)}: kl {kl:.6f}, optimised kl {opt_kl:.6f}, trustworthiness {[t["value"] for t in out["trustworthiness"]]}')


if __name__ == '__main__':
    main()
