// A small deterministic grid world (start, goal, walls, optional pits, a reward per step) for tabular RL.
import type { TabularEnvironment, Transition } from './tabular';

export interface GridWorldOptions {
  /** Reward for every move that does not enter the goal or a pit (bumping into a wall or the edge included). */
  stepReward: number;
  /** Reward for entering the goal (the episode ends). */
  goalReward: number;
  /** Reward for entering a pit (the episode ends). */
  pitReward: number;
}

export const gridWorldDefaults: Readonly<GridWorldOptions> = { stepReward: -1, goalReward: 10, pitReward: -10 };

/** Action indices: 0 up, 1 right, 2 down, 3 left. */
export const GRID_ACTIONS = ['up', 'right', 'down', 'left'] as const;
const DR = [-1, 0, 1, 0];
const DC = [0, 1, 0, -1];
const ARROWS = ['↑', '→', '↓', '←'];

/**
 * A grid world drawn as strings, one per row: 'S' start (exactly one), 'G' goal (at least one), 'P' pit, '#' wall,
 * '.' free. State = row * cols + col. Moves are deterministic; a move into a wall or off the grid leaves the agent
 * where it is (and still costs stepReward). Entering 'G' or 'P' ends the episode.
 *
 * @example new GridWorld(['S..', '.#.', '..G'])
 */
export class GridWorld implements TabularEnvironment {
  readonly rows: number;
  readonly cols: number;
  readonly nStates: number;
  readonly nActions = 4;
  readonly start: number;
  readonly options: Readonly<GridWorldOptions>;
  private readonly cells: string[];

  constructor(layout: readonly string[], options: Partial<GridWorldOptions> = {}) {
    if (!Array.isArray(layout) || layout.some((r) => typeof r !== 'string')) throw new TypeError('expected layout to be an array of strings, one per row');
    const o = { ...gridWorldDefaults, ...options };
    for (const [name, v] of Object.entries(o)) if (!Number.isFinite(v)) throw new RangeError(`expected a finite ${name}, got ${v}`);
    this.options = o;
    this.rows = layout.length;
    if (this.rows === 0) throw new RangeError('expected at least 1 row in layout, got 0');
    this.cols = layout[0].length;
    if (this.cols === 0) throw new RangeError('expected at least 1 column in layout, got 0');
    this.cells = [];
    let start = -1, goals = 0;
    for (let r = 0; r < this.rows; r++) {
      if (layout[r].length !== this.cols) throw new RangeError(`expected every layout row to have ${this.cols} cells, got ${layout[r].length} in row ${r}`);
      for (let c = 0; c < this.cols; c++) {
        const ch = layout[r][c];
        if (!'SGP#.'.includes(ch)) throw new RangeError(`expected layout cells from 'S', 'G', 'P', '#', '.', got '${ch}' at row ${r}, column ${c}`);
        if (ch === 'S') {
          if (start >= 0) throw new RangeError('expected exactly 1 start cell S, got more');
          start = r * this.cols + c;
        }
        if (ch === 'G') goals++;
        this.cells.push(ch);
      }
    }
    if (start < 0) throw new RangeError('expected exactly 1 start cell S, got 0');
    if (goals === 0) throw new RangeError('expected at least 1 goal cell G, got 0');
    this.start = start;
    this.nStates = this.rows * this.cols;
  }

  /** The layout character of a state. */
  cell(state: number): string {
    this.checkState(state);
    return this.cells[state];
  }

  /** [row, col] of a state. */
  coords(state: number): [number, number] {
    this.checkState(state);
    return [Math.floor(state / this.cols), state % this.cols];
  }

  isTerminal(state: number): boolean {
    const ch = this.cell(state);
    return ch === 'G' || ch === 'P' || ch === '#';
  }

  step(state: number, action: number): Transition {
    this.checkState(state);
    if (!Number.isInteger(action) || action < 0 || action > 3) throw new RangeError(`expected an action in 0..3 (up, right, down, left), got action = ${action}`);
    if (this.isTerminal(state)) throw new RangeError(`expected a non-terminal state, got state ${state} ('${this.cells[state]}')`);
    const r = Math.floor(state / this.cols) + DR[action];
    const c = (state % this.cols) + DC[action];
    let next = state;
    if (r >= 0 && r < this.rows && c >= 0 && c < this.cols && this.cells[r * this.cols + c] !== '#') next = r * this.cols + c;
    const ch = this.cells[next];
    if (ch === 'G') return { next, reward: this.options.goalReward, done: true };
    if (ch === 'P') return { next, reward: this.options.pitReward, done: true };
    return { next, reward: this.options.stepReward, done: false };
  }

  /** The grid as text; with a policy, non-terminal cells show its action as an arrow. */
  render(policy?: ArrayLike<number>): string {
    if (policy !== undefined && policy.length !== this.nStates) throw new RangeError(`expected a policy with ${this.nStates} entries, got ${policy.length}`);
    const lines: string[] = [];
    for (let r = 0; r < this.rows; r++) {
      let line = '';
      for (let c = 0; c < this.cols; c++) {
        const s = r * this.cols + c;
        const ch = this.cells[s];
        line += policy && !this.isTerminal(s) ? ARROWS[policy[s]] ?? '?' : ch;
      }
      lines.push(line);
    }
    return lines.join('\n');
  }

  private checkState(state: number): void {
    if (!Number.isInteger(state) || state < 0 || state >= this.nStates) throw new RangeError(`expected a state in 0..${this.nStates - 1}, got state = ${state}`);
  }
}
