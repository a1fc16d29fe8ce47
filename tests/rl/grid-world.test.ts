// Tests for lib/rl/grid-world: moves, walls, edges, terminal cells and rewards checked by hand; rendering; input errors.
import { describe, expect, it } from 'vitest';
import { GridWorld, GRID_ACTIONS } from '../../lib/rl/grid-world';

describe('GridWorld mechanics (hand-checked)', () => {
  const world = new GridWorld(['S.#', '.P.', '..G'], { stepReward: -1, goalReward: 10, pitReward: -10 });

  it('states are row * cols + col; start, terminals and walls are read from the layout', () => {
    expect(world.nStates).toBe(9);
    expect(world.nActions).toBe(4);
    expect(GRID_ACTIONS).toEqual(['up', 'right', 'down', 'left']);
    expect(world.start).toBe(0);
    expect(world.coords(5)).toEqual([1, 2]);
    expect(world.cell(8)).toBe('G');
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8].map((s) => world.isTerminal(s))).toEqual([false, false, true, false, true, false, false, false, true]);
  });

  it('moves, bumps into the edge and walls (stay, pay the step), enters the pit and the goal (episode ends)', () => {
    expect(world.step(0, 1)).toEqual({ next: 1, reward: -1, done: false }); // right
    expect(world.step(0, 2)).toEqual({ next: 3, reward: -1, done: false }); // down
    expect(world.step(0, 0)).toEqual({ next: 0, reward: -1, done: false }); // up: off the grid
    expect(world.step(0, 3)).toEqual({ next: 0, reward: -1, done: false }); // left: off the grid
    expect(world.step(1, 1)).toEqual({ next: 1, reward: -1, done: false }); // right into the wall
    expect(world.step(1, 2)).toEqual({ next: 4, reward: -10, done: true }); // down into the pit
    expect(world.step(7, 1)).toEqual({ next: 8, reward: 10, done: true }); // right into the goal
    expect(world.step(5, 2)).toEqual({ next: 8, reward: 10, done: true }); // down into the goal
  });

  it('render draws the layout, or a policy as arrows on non-terminal cells', () => {
    expect(world.render()).toBe('S.#\n.P.\n..G');
    expect(world.render(new Int32Array([1, 2, 0, 2, 0, 2, 1, 1, 0]))).toBe('→↓#\n↓P↓\n→→G');
  });
});

describe('GridWorld input errors', () => {
  it('TypeError for a non-string layout; RangeError for ragged rows, unknown cells, missing or repeated S, no G, bad state/action', () => {
    expect(() => new GridWorld('S.G' as unknown as string[])).toThrow(TypeError);
    expect(() => new GridWorld([])).toThrow(RangeError);
    expect(() => new GridWorld(['S.', 'G'])).toThrow(/expected every layout row to have 2 cells, got 1 in row 1/);
    expect(() => new GridWorld(['SxG'])).toThrow(/got 'x' at row 0, column 1/);
    expect(() => new GridWorld(['..G'])).toThrow(/exactly 1 start cell S, got 0/);
    expect(() => new GridWorld(['SSG'])).toThrow(/exactly 1 start cell S/);
    expect(() => new GridWorld(['S..'])).toThrow(/at least 1 goal cell G, got 0/);
    expect(() => new GridWorld(['S.G'], { stepReward: NaN })).toThrow(RangeError);
    const w = new GridWorld(['S.G']);
    expect(() => w.step(3, 0)).toThrow('expected a state in 0..2, got state = 3');
    expect(() => w.step(0, 4)).toThrow(/expected an action in 0..3/);
    expect(() => w.step(2, 0)).toThrow(/expected a non-terminal state/);
    expect(() => w.render([0])).toThrow(RangeError);
  });
});
