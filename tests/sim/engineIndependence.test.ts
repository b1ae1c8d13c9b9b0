/**
 * The model gives the same result in Node and in the page's worker (DESIGN.md, determinism): it
 * reads no clock and no unseeded randomness, and it calls none of Math's functions that Chromium's
 * V8 and Node's round apart in the last bit (session 51 measured atan2, exp, log, asin, pow and
 * others); portableMath.ts has engine-independent versions. A source scan, so a new call is caught
 * where it is written rather than as a far-off replay mismatch in e2e.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SIM = resolve(__dirname, '../../src/sim');
/** The one module allowed to name them: it documents and tests its equivalence to Node's. */
const PORTABLE_MATH = join(SIM, 'portableMath.ts');

/** Math functions whose results are engine-dependent; sqrt, abs, floor, round, min, max, imul are exact. */
const ENGINE_DEPENDENT_MATH =
  /\bMath\.(sin|cos|tan|asin|acos|atan|atan2|sinh|cosh|tanh|asinh|acosh|atanh|exp|expm1|log|log1p|log10|pow|cbrt|hypot)\b/;
const CLOCKS_AND_RANDOMNESS = /\bMath\.random\b|\bDate\.now\b|\bperformance\.now\(|\bnew Date\(/;
/** `a ** b` with a computed exponent; integer literal powers (`x ** 2`, `2 ** -52`) are exact products. */
const COMPUTED_POWER = /\*\*\s*(?!-?\d+\b)[\w(]/;

function listSources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return listSources(path);
    return /\.ts$/.test(name) ? [path] : [];
  });
}

/** Lines of code with comments removed, as [1-based line number, text]. */
function readCodeLines(path: string): [number, string][] {
  const text = readFileSync(path, 'utf8').replace(/\/\*[\s\S]*?\*\//g, (comment) =>
    comment.replace(/[^\n]/g, ' '),
  );
  return text.split('\n').map((line, index) => [index + 1, line.replace(/\/\/.*$/, '')]);
}

function findOffences(pattern: RegExp, skip: (path: string) => boolean): string[] {
  const offences: string[] = [];
  for (const path of listSources(SIM)) {
    if (skip(path)) continue;
    for (const [lineNumber, code] of readCodeLines(path))
      if (pattern.test(code)) offences.push(`${relative(SIM, path)}:${lineNumber}: ${code.trim()}`);
  }
  return offences;
}

describe('the model is engine-independent', () => {
  it('src/sim reads no clock and no unseeded randomness', () => {
    expect(findOffences(CLOCKS_AND_RANDOMNESS, () => false)).toEqual([]);
  });

  it("src/sim calls none of Math's engine-dependent functions outside portableMath.ts", () => {
    expect(findOffences(ENGINE_DEPENDENT_MATH, (path) => path === PORTABLE_MATH)).toEqual([]);
  });

  it('src/sim raises nothing to a computed power (`**` rounds like Math.pow)', () => {
    expect(findOffences(COMPUTED_POWER, () => false)).toEqual([]);
  });

  it('the scan sees what it is meant to catch', () => {
    expect(ENGINE_DEPENDENT_MATH.test('const a = Math.atan2(y, x);')).toBe(true);
    expect(ENGINE_DEPENDENT_MATH.test('const a = Math.sqrt(y) + Math.imul(x, 3);')).toBe(false);
    expect(COMPUTED_POWER.test('start * (end / start) ** progress')).toBe(true);
    expect(COMPUTED_POWER.test('(dx) ** 2 + 2 ** -52')).toBe(false);
    expect(CLOCKS_AND_RANDOMNESS.test('const t = performance.now();')).toBe(true);
  });
});
