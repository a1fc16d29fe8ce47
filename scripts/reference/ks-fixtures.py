#!/usr/bin/python3
"""Reference values for tests/mlops/drift.test.ts: scipy's two-sample Kolmogorov-Smirnov test on seeded samples.

Run with Debian's python3 (it has numpy and scipy; the first python3 on PATH may not):
    /usr/bin/python3 scripts/reference/ks-fixtures.py
It writes tests/fixtures/reference/ks-2samp.json (atomically). The samples are stored in the fixture itself, so the
test needs neither Python nor numpy's generator. For each case: scipy.stats.ks_2samp with method 'exact', 'asymp'
and 'auto', and the Kolmogorov limit law scipy.special.kolmogorov(sqrt(nm/(n+m)) D), which is what ksTwoSample's
'asymp' computes (scipy's own 'asymp' uses the one-sample distribution kstwo(round(nm/(n+m))) instead).
"""
import json
import os
import sys
import tempfile

import numpy as np
import scipy
from scipy import special, stats

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'tests', 'fixtures', 'reference', 'ks-2samp.json')


def sample(rng, size, loc=0.0, scale=1.0, decimals=6):
    # Rounded so the JSON stays short; every value is still a float that round-trips exactly through JSON.
    return [float(v) for v in np.round(rng.normal(loc, scale, size), decimals)]


def main():
    rng = np.random.default_rng(20261207)
    cases = [
        ('equal sizes 500 vs 500, shift 0.1 sd', sample(rng, 500), sample(rng, 500, 0.1)),
        ('unequal sizes 150 vs 200, same distribution', sample(rng, 150), sample(rng, 200)),
        ('unequal sizes 37 vs 53 with ties (integers 0..5)', [int(v) for v in rng.integers(0, 6, 37)], [int(v) for v in rng.integers(0, 6, 53)]),
        ('unequal sizes 300 vs 250, shift 0.7 sd (tiny p-value)', sample(rng, 300), sample(rng, 250, 0.7)),
        ('unequal sizes 1000 vs 1500, shift 0.05 sd', sample(rng, 1000, decimals=4), sample(rng, 1500, 0.05, decimals=4)),
        ('lopsided sizes 7 vs 400, wider spread', sample(rng, 7, 0.0, 2.0), sample(rng, 400)),
        ('equal sizes 60 vs 60 with ties (one decimal)', sample(rng, 60, 0.0, 1.0, 1), sample(rng, 60, 0.3, 1.0, 1)),
        ('tiny 4 vs 5', [1.0, 2.0, 3.0, 4.0], [3.0, 4.0, 5.0, 6.0, 7.0]),
    ]
    out = []
    for name, a, b in cases:
        exact = stats.ks_2samp(a, b, method='exact')
        asymp = stats.ks_2samp(a, b, method='asymp')
        auto = stats.ks_2samp(a, b)
        n, m = len(a), len(b)
        d = float(asymp.statistic)
        out.append({
            'name': name, 'a': a, 'b': b,
            'statistic': d,
            'exact': float(exact.pvalue),
            'auto': float(auto.pvalue),
            'scipyAsymp': float(asymp.pvalue),
            'kolmogorovLimit': float(special.kolmogorov(np.sqrt(n * m / (n + m)) * d)),
        })
    doc = {
        'source': 'scripts/reference/ks-fixtures.py',
        'generator': f'scipy {scipy.__version__}, numpy {np.__version__}, Python {sys.version.split()[0]}',
        'cases': out,
    }
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=os.path.dirname(OUT), prefix='.ks-2samp.', suffix='.tmp')
    with os.fdopen(fd, 'w') as f:
        json.dump(doc, f, indent=1)
        f.write('\n')
    os.chmod(tmp, 0o644)
    os.replace(tmp, OUT)
    for c in out:
        print(f"{c['name']}: D={c['statistic']:.6f} exact={c['exact']:.10g} scipy-asymp={c['scipyAsymp']:.10g} limit={c['kolmogorovLimit']:.10g}")


if __name__ == '__main__':
    main()
