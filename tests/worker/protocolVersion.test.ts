import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { PROTOCOL_SHAPES, PROTOCOL_VERSION } from '../../src/worker/protocol';

const PROTOCOL_FILE = new URL('../../src/worker/protocol.ts', import.meta.url);

/**
 * The shape of protocol.ts: its text without comments, blank space, and the version record
 * itself, hashed. A new field, a renamed message or a changed type changes it; a reworded
 * comment or a reformat does not.
 */
function hashProtocolShape(source: string): string {
  const declarations = source
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\/\/[^\n]*/g, '')
    .replace(/export const PROTOCOL_VERSION = \d+;/, '')
    .replace(/export const PROTOCOL_SHAPES[^=]*= \{[^}]*\};/, '')
    .replace(/\s+/g, '');
  return createHash('sha256').update(declarations).digest('hex').slice(0, 16);
}

describe('the protocol version means something', () => {
  test('protocol.ts has the shape recorded for PROTOCOL_VERSION (bump the version on a change)', () => {
    const shape = hashProtocolShape(readFileSync(PROTOCOL_FILE, 'utf8'));
    const recorded = PROTOCOL_SHAPES[PROTOCOL_VERSION];
    const known = Object.entries(PROTOCOL_SHAPES).find(([, hash]) => hash === shape);
    expect(
      recorded,
      known
        ? `protocol.ts is back to the shape of version ${known[0]}: use that version`
        : `protocol.ts changed shape (now ${shape}): if pages and workers of the old shape would misread each other, set PROTOCOL_VERSION = ${PROTOCOL_VERSION + 1} and add ${PROTOCOL_VERSION + 1}: '${shape}' to PROTOCOL_SHAPES (keep the old entries)`,
    ).toBe(shape);
  });

  test('every recorded version has its own shape, and the current version is the newest', () => {
    const versions = Object.keys(PROTOCOL_SHAPES).map(Number);
    expect(Math.max(...versions)).toBe(PROTOCOL_VERSION);
    expect(new Set(Object.values(PROTOCOL_SHAPES)).size).toBe(versions.length);
  });

  test('the hash sees a changed field and ignores comments and layout', () => {
    const source = readFileSync(PROTOCOL_FILE, 'utf8');
    const base = hashProtocolShape(source);
    expect(
      hashProtocolShape(source.replace("{ type: 'seek'; timeS: number }", "{ type: 'seek'; atS: number }")),
    ).not.toBe(base);
    expect(hashProtocolShape(source.replace('/** Page → worker. */', '/** From the page. */\n\n'))).toBe(
      base,
    );
    expect(hashProtocolShape(source.replace(/PROTOCOL_VERSION = \d+/, 'PROTOCOL_VERSION = 99'))).toBe(base);
  });
});
