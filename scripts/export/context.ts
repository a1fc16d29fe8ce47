// The state of converting one lesson: the cell being converted (for messages), its asset files, imports and warnings.
import { PlacedError, formatPlace, type Place } from '../shared/place';

export class LessonContext {
  /** Asset files, keyed by their path under the assets folder (`<slug>/cell3-1.png`). */
  readonly assets = new Map<string, Buffer>();
  /** ESM imports of assets the MDX declares: identifier -> specifier (`./assets/<slug>/cell3-1.png`). */
  readonly imports = new Map<string, string>();
  readonly warnings: string[] = [];
  /** 1-based number of the cell being converted, and its id. */
  cell: number | undefined;
  cellId: string | undefined;

  constructor(readonly file: string, readonly slug: string) {}

  at(cell: number, cellId: string | undefined): void {
    this.cell = cell;
    this.cellId = cellId;
  }

  place(): Place {
    return { file: this.file, cell: this.cell, cellId: this.cellId };
  }

  /** Throws an error that names the notebook and the cell: this lesson cannot be exported. */
  fail(reason: string): never {
    throw new PlacedError(this.place(), reason);
  }

  warn(reason: string): void {
    this.warnings.push(`${formatPlace(this.place())}: ${reason}`);
  }

  /**
   * Stores an asset file for the current cell and returns its specifier relative to the MDX file.
   * `name` is like `3-1.png`; the file becomes `assets/<slug>/cell3-1.png`.
   */
  addAsset(name: string, data: Buffer): string {
    const rel = `${this.slug}/cell${name}`;
    this.assets.set(rel, data);
    return `./assets/${rel}`;
  }

  /** Declares `import <id> from '<specifier>'` for an asset and returns the identifier. */
  importAsset(specifier: string): string {
    const id = `asset_${specifier.replace(/^\.\/assets\/[^/]+\/cell/, '').replace(/[^A-Za-z0-9]+/g, '_')}`;
    this.imports.set(id, specifier);
    return id;
  }
}
