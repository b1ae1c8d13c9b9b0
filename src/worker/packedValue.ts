/**
 * A structured-cloneable value (plain objects, arrays, strings, numbers, booleans, null,
 * undefined and typed arrays: what a model snapshot holds) as one byte buffer, and back. What
 * the worker's `postMessage` would clone, written to a file: the precomputed warm state
 * (warmState.ts) is made in Node at build time and read by the worker.
 *
 * Layout: MAGIC (8 bytes), the JSON's length (uint32, little-endian), the JSON (UTF-8), zero
 * padding to a multiple of 8, then every typed array's bytes, each at a multiple of 8 from
 * there. In the JSON a typed array is `{"$": "<constructor>", "at": <byte offset>, "n": <length>}`;
 * NaN, +-Infinity and -0 are `{"$": "number", "v": "<name>"}` and undefined is `{"$": "undefined"}`
 * (JSON has none of them), so a value comes back bit for bit. Little-endian: every browser and
 * Node platform the app runs on is.
 */

const MAGIC = 'PSPACK01';
const HEADER_BYTES = MAGIC.length + 4;
const ALIGN = 8;

const TYPED_ARRAYS = {
  Int8Array,
  Uint8Array,
  Uint8ClampedArray,
  Int16Array,
  Uint16Array,
  Int32Array,
  Uint32Array,
  Float32Array,
  Float64Array,
} as const;
type TypedArrayName = keyof typeof TYPED_ARRAYS;
type AnyTypedArray = InstanceType<(typeof TYPED_ARRAYS)[TypedArrayName]>;

const SPECIAL_NUMBERS: Record<string, number> = {
  NaN: Number.NaN,
  Infinity: Number.POSITIVE_INFINITY,
  '-Infinity': Number.NEGATIVE_INFINITY,
  '-0': -0,
};

function alignUp(bytes: number): number {
  return Math.ceil(bytes / ALIGN) * ALIGN;
}

function getTypedArrayName(value: ArrayBufferView): TypedArrayName {
  const name = value.constructor.name;
  if (!(name in TYPED_ARRAYS)) throw new Error(`packValue: a ${name} cannot be packed`);
  return name as TypedArrayName;
}

/** `value` as bytes (a new buffer). Throws naming the path of anything it cannot write. */
export function packValue(value: unknown): Uint8Array {
  const arrays: ArrayBufferView[] = [];
  let binaryBytes = 0;
  const describe = (node: unknown, path: string): unknown => {
    if (node === undefined) return { $: 'undefined' };
    if (node === null || typeof node === 'string' || typeof node === 'boolean') return node;
    if (typeof node === 'number') {
      if (Number.isFinite(node) && !Object.is(node, -0)) return node;
      return { $: 'number', v: Object.is(node, -0) ? '-0' : String(node) };
    }
    if (ArrayBuffer.isView(node)) {
      const name = getTypedArrayName(node);
      const at = binaryBytes;
      arrays.push(node);
      binaryBytes = alignUp(binaryBytes + node.byteLength);
      return { $: name, at, n: (node as AnyTypedArray).length };
    }
    if (Array.isArray(node)) {
      const out = new Array(node.length);
      for (let index = 0; index < node.length; index++)
        out[index] = describe(node[index], `${path}[${index}]`);
      return out;
    }
    if (typeof node === 'object' && Object.getPrototypeOf(node) === Object.prototype) {
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(node)) {
        // The key marks the encoded forms above: a value using it would read back as one.
        if (key === '$') throw new Error(`packValue: ${path} has a key "$"`);
        out[key] = describe(item, `${path}.${key}`);
      }
      return out;
    }
    throw new Error(`packValue: ${path} is a ${typeof node} (${Object.prototype.toString.call(node)})`);
  };
  const json = new TextEncoder().encode(JSON.stringify(describe(value, 'value')));
  const binaryStart = alignUp(HEADER_BYTES + json.length);
  const bytes = new Uint8Array(binaryStart + binaryBytes);
  bytes.set(new TextEncoder().encode(MAGIC), 0);
  new DataView(bytes.buffer).setUint32(MAGIC.length, json.length, true);
  bytes.set(json, HEADER_BYTES);
  let at = binaryStart;
  for (const array of arrays) {
    bytes.set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), at);
    at = alignUp(at + array.byteLength);
  }
  return bytes;
}

/**
 * The value `bytes` hold; every typed array a copy with its own buffer (so each can be
 * transferred alone). Throws on bytes that are not a packed value or are cut short.
 */
export function unpackValue(bytes: ArrayBuffer): unknown {
  if (bytes.byteLength < HEADER_BYTES) throw new Error(`${bytes.byteLength} bytes: too short to be packed`);
  const magic = new TextDecoder().decode(new Uint8Array(bytes, 0, MAGIC.length));
  if (magic !== MAGIC) throw new Error('not a packed value (its first bytes differ)');
  const jsonBytes = new DataView(bytes).getUint32(MAGIC.length, true);
  if (HEADER_BYTES + jsonBytes > bytes.byteLength) throw new Error('cut short inside its description');
  const tree = JSON.parse(new TextDecoder().decode(new Uint8Array(bytes, HEADER_BYTES, jsonBytes)));
  const binaryStart = alignUp(HEADER_BYTES + jsonBytes);
  const restore = (node: unknown): unknown => {
    if (node === null || typeof node !== 'object') return node;
    if (Array.isArray(node)) return node.map(restore);
    const record = node as Record<string, unknown>;
    const marker = record.$;
    if (marker === undefined) {
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(record)) out[key] = restore(item);
      return out;
    }
    if (marker === 'undefined') return undefined;
    if (marker === 'number' && typeof record.v === 'string' && record.v in SPECIAL_NUMBERS)
      return SPECIAL_NUMBERS[record.v];
    if (typeof marker === 'string' && marker in TYPED_ARRAYS) {
      const Constructor = TYPED_ARRAYS[marker as TypedArrayName];
      const start = binaryStart + Number(record.at);
      const end = start + Number(record.n) * Constructor.BYTES_PER_ELEMENT;
      if (!Number.isInteger(start) || !(end >= start) || end > bytes.byteLength)
        throw new Error(`cut short: a ${marker} of ${record.n} at byte ${start} of ${bytes.byteLength}`);
      return new Constructor(bytes.slice(start, end));
    }
    throw new Error(`an unknown packed form ${JSON.stringify(marker)}`);
  };
  return restore(tree);
}
