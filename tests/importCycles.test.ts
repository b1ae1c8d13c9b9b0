/**
 * No import cycles in src/: every module's reach is written down by what it imports, and a
 * stage that needs the engine gets a narrow context instead (DESIGN.md, "One home for each
 * piece of knowledge"). Type-only imports count too: a cycle of types is the same tangle.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(__dirname, '../src');

function listSources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return listSources(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Relative module specifiers of a source file: static imports and re-exports, and dynamic imports. */
function readImportSpecifiers(text: string): string[] {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const specifiers: string[] = [];
  const patterns = [
    /\b(?:import|export)\s[^;'"]*?\bfrom\s*['"]([^'"]+)['"]/g,
    /\bimport\s*['"]([^'"]+)['"]/g,
    /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const pattern of patterns)
    for (const match of code.matchAll(pattern)) if (match[1].startsWith('.')) specifiers.push(match[1]);
  return specifiers;
}

function resolveModule(from: string, specifier: string): string | null {
  const base = resolve(dirname(from), specifier.replace(/\?.*$/, ''));
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')])
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  return null;
}

/** The import graph of src/: file -> files it imports. */
function buildImportGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of listSources(SRC)) {
    const targets = readImportSpecifiers(readFileSync(file, 'utf8'))
      .map((specifier) => resolveModule(file, specifier))
      .filter((target): target is string => target !== null);
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

/** One cycle per strongly connected component (Tarjan), as the files around it. */
function findCycles(graph: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  let next = 0;
  const visit = (file: string): void => {
    index.set(file, next);
    low.set(file, next++);
    stack.push(file);
    onStack.add(file);
    for (const target of graph.get(file) ?? []) {
      if (!index.has(target)) {
        visit(target);
        low.set(file, Math.min(low.get(file)!, low.get(target)!));
      } else if (onStack.has(target)) low.set(file, Math.min(low.get(file)!, index.get(target)!));
    }
    if (low.get(file) !== index.get(file)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== file);
    if (component.length > 1 || graph.get(file)?.includes(file)) cycles.push(component);
  };
  for (const file of graph.keys()) if (!index.has(file)) visit(file);
  return cycles;
}

describe('the import graph of src/', () => {
  it('reads every kind of import, type-only and re-exports included, and skips comments and packages', () => {
    const text = [
      "import type { A } from './a';",
      "import {\n  b,\n  type C,\n} from '../b';",
      "export { d } from './d';",
      "export type { E } from './e';",
      "import './f.css';",
      "const g = lazy(() => import('./g'));",
      "import { h } from 'react';",
      "// import { x } from './commented';",
      "/* export { y } from './blocked'; */",
    ].join('\n');
    expect(readImportSpecifiers(text).sort()).toEqual(['../b', './a', './d', './e', './f.css', './g']);
  });

  it('finds a cycle when there is one', () => {
    const graph = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a']],
      ['d', ['a']],
    ]);
    expect(findCycles(graph).map((cycle) => cycle.sort())).toEqual([['a', 'b', 'c']]);
  });

  it('has no cycles', () => {
    const graph = buildImportGraph();
    expect(graph.size).toBeGreaterThan(100);
    const cycles = findCycles(graph).map((cycle) => cycle.map((file) => relative(SRC, file)).sort());
    expect(cycles, 'modules that import each other, directly or around a loop').toEqual([]);
  });
});
