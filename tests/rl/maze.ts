// The shared test maze: the optimal route from S to G takes 12 steps and passes next to a pit.
export const MAZE = [
  'S...#....',
  '.#..#.##.',
  '.#.....#.',
  '.#P##.P#.',
  '...#....G',
];

/** Breadth-first distances (moves) from every cell to the nearest 'G', moving only through non-wall, non-pit cells. */
export function bfsDistanceToGoal(layout: string[]): Int32Array {
  const rows = layout.length, cols = layout[0].length;
  const dist = new Int32Array(rows * cols).fill(-1);
  const queue: number[] = [];
  for (let s = 0; s < rows * cols; s++) if (layout[Math.floor(s / cols)][s % cols] === 'G') { dist[s] = 0; queue.push(s); }
  for (let head = 0; head < queue.length; head++) {
    const s = queue[head];
    const r = Math.floor(s / cols), c = s % cols;
    for (const [dr, dc] of [[-1, 0], [1, 0], [0, -1], [0, 1]]) {
      const nr = r + dr, nc = c + dc;
      if (nr < 0 || nr >= rows || nc < 0 || nc >= cols) continue;
      const n = nr * cols + nc;
      const ch = layout[nr][nc];
      if (dist[n] >= 0 || ch === '#' || ch === 'P' || ch === 'G') continue;
      dist[n] = dist[s] + 1;
      queue.push(n);
    }
  }
  return dist;
}
