// Path-dependent TreeSHAP (Lundberg et al. 2018, Algorithm 2) and the tree's cover-weighted conditional expectation (Algorithm 1).

/**
 * The parts of a fitted tree TreeSHAP needs (node 0 is the root; leaves have feature -1; x goes left when
 * x[feature] <= threshold). `weight` is the cover: the training weight reaching each node. `value` is one number per
 * node (for a classifier, one class's probability: see {@link classProbabilityTree}).
 */
export interface ShapTree {
  feature: Int32Array;
  threshold: Float64Array;
  left: Int32Array;
  right: Int32Array;
  weight: Float64Array;
  value: Float64Array;
}

function checkTree(tree: ShapTree, x: ArrayLike<number>): void {
  if (tree === null || typeof tree !== 'object' || !(tree.feature instanceof Int32Array)) throw new TypeError('expected a fitted tree with Int32Array feature');
  const n = tree.feature.length;
  if (n < 1 || tree.value.length !== n || tree.weight.length !== n) {
    throw new RangeError(`expected value and weight of length ${n} (one per node), got ${tree.value.length} and ${tree.weight.length}`);
  }
  for (let i = 0; i < n; i++) if (tree.feature[i] >= x.length) throw new RangeError(`expected x of length > ${tree.feature[i]} (node ${i} splits on it), got ${x.length}`);
}

/** A classification tree (value nodeCount x K) as a ShapTree explaining the probability of class k. */
export function classProbabilityTree(tree: ShapTree & { nClasses: number }, k: number): ShapTree {
  const K = tree.nClasses;
  if (!Number.isInteger(k) || k < 0 || k >= K) throw new RangeError(`expected class 0 <= k < ${K}, got k = ${k}`);
  const n = tree.feature.length;
  const value = new Float64Array(n);
  for (let i = 0; i < n; i++) value[i] = tree.value[i * K + k];
  return { feature: tree.feature, threshold: tree.threshold, left: tree.left, right: tree.right, weight: tree.weight, value };
}

/** The tree's prediction for x. */
export function treePredict(tree: ShapTree, x: ArrayLike<number>): number {
  let node = 0;
  while (tree.feature[node] >= 0) node = x[tree.feature[node]] <= tree.threshold[node] ? tree.left[node] : tree.right[node];
  return tree.value[node];
}

/**
 * The path-dependent value function (Algorithm 1, EXPVALUE): E[f(x) | x_S] estimated by the tree itself. At a split on
 * a feature in S follow x; on a feature not in S, average both children weighted by their cover (training weight).
 * @param mask - bit j set = feature j in S
 */
export function treeExpectation(tree: ShapTree, x: ArrayLike<number>, mask: number): number {
  checkTree(tree, x);
  const g = (node: number): number => {
    const f = tree.feature[node];
    if (f < 0) return tree.value[node];
    const l = tree.left[node], r = tree.right[node];
    if (mask & (1 << f)) return g(x[f] <= tree.threshold[node] ? l : r);
    return (tree.weight[l] * g(l) + tree.weight[r] * g(r)) / tree.weight[node];
  };
  return g(0);
}

/**
 * Path-dependent TreeSHAP in O(L D^2) (L leaves, D depth): the exact Shapley values of the game
 * v(S) = treeExpectation(tree, x, S), computed by tracking, along each root-to-leaf path, the proportion of all
 * subsets of each size that flow down it (EXTEND and UNWIND of Lundberg, Erion and Lee 2018, Algorithm 2).
 * @param x - the explained row
 * @param d - number of features (default x.length)
 * @returns phi (length d) and base = v(∅), the cover-weighted mean of the leaves; Σφ = f(x) − base.
 */
export function treeShap(tree: ShapTree, x: ArrayLike<number>, d = x.length): { phi: Float64Array; base: number } {
  checkTree(tree, x);
  if (!Number.isInteger(d) || d < x.length) throw new RangeError(`expected d >= ${x.length} features, got d = ${d}`);
  const phi = new Float64Array(d);
  // the unique path: feature index, zero fraction, one fraction, permutation weight
  interface Path { f: number[]; z: number[]; o: number[]; w: number[] }

  const extend = (p: Path, depth: number, pz: number, po: number, pf: number) => {
    p.f[depth] = pf; p.z[depth] = pz; p.o[depth] = po; p.w[depth] = depth === 0 ? 1 : 0;
    for (let i = depth - 1; i >= 0; i--) {
      p.w[i + 1] += (po * p.w[i] * (i + 1)) / (depth + 1);
      p.w[i] = (pz * p.w[i] * (depth - i)) / (depth + 1);
    }
  };
  const unwind = (p: Path, depth: number, k: number) => {
    const o = p.o[k], z = p.z[k];
    let next = p.w[depth];
    for (let i = depth - 1; i >= 0; i--) {
      if (o !== 0) {
        const t = p.w[i];
        p.w[i] = (next * (depth + 1)) / ((i + 1) * o);
        next = t - (p.w[i] * z * (depth - i)) / (depth + 1);
      } else {
        p.w[i] = (p.w[i] * (depth + 1)) / (z * (depth - i));
      }
    }
    for (let i = k; i < depth; i++) { p.f[i] = p.f[i + 1]; p.z[i] = p.z[i + 1]; p.o[i] = p.o[i + 1]; }
  };
  const unwoundSum = (p: Path, depth: number, k: number) => {
    const o = p.o[k], z = p.z[k];
    let next = p.w[depth], total = 0;
    for (let i = depth - 1; i >= 0; i--) {
      if (o !== 0) {
        const t = (next * (depth + 1)) / ((i + 1) * o);
        total += t;
        next = p.w[i] - (t * z * (depth - i)) / (depth + 1);
      } else {
        total += p.w[i] / z / ((depth - i) / (depth + 1));
      }
    }
    return total;
  };
  const recurse = (node: number, parent: Path, depth: number, pz: number, po: number, pf: number) => {
    const p: Path = { f: parent.f.slice(0, depth), z: parent.z.slice(0, depth), o: parent.o.slice(0, depth), w: parent.w.slice(0, depth) };
    extend(p, depth, pz, po, pf);
    const f = tree.feature[node];
    if (f < 0) {
      for (let i = 1; i <= depth; i++) phi[p.f[i]] += unwoundSum(p, depth, i) * (p.o[i] - p.z[i]) * tree.value[node];
      return;
    }
    const goLeft = x[f] <= tree.threshold[node];
    const hot = goLeft ? tree.left[node] : tree.right[node];
    const cold = goLeft ? tree.right[node] : tree.left[node];
    const w = tree.weight[node];
    let iz = 1, io = 1, k = 0;
    while (k <= depth && p.f[k] !== f) k++;
    if (k <= depth) {
      iz = p.z[k]; io = p.o[k];
      unwind(p, depth, k);
      depth--;
    }
    recurse(hot, p, depth + 1, (tree.weight[hot] / w) * iz, io, f);
    recurse(cold, p, depth + 1, (tree.weight[cold] / w) * iz, 0, f);
  };
  recurse(0, { f: [], z: [], o: [], w: [] }, 0, 1, 1, -1);
  return { phi, base: treeExpectation(tree, x, 0) };
}
