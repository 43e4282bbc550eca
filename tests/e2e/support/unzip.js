// Unpacks a zip (stored or deflated entries, no zip64) with node's own
// zlib: enough for the SCORM packages `rampart export scorm` writes, so the
// tests need no unzip package. Reads the central directory (the zip's table
// of contents), checks each entry's CRC-32 and size, and refuses paths that
// would land outside the target folder.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { crc32, inflateRawSync } from 'node:zlib';

const END = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** The entries of the zip in `bytes`: [{ name, data }] in directory order. */
export function readZip(bytes, label = 'zip') {
  // The end record is 22 bytes plus a comment of up to 65,535.
  let end = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
    if (bytes.readUInt32LE(at) === END) {
      end = at;
      break;
    }
  }
  if (end < 0) throw new Error(`${label} is not a zip (no end of central directory)`);
  const count = bytes.readUInt16LE(end + 10);
  let at = bytes.readUInt32LE(end + 16);
  const entries = [];
  for (let i = 0; i < count; i++) {
    if (bytes.readUInt32LE(at) !== CENTRAL) throw new Error(`${label}: bad central directory entry ${i}`);
    const method = bytes.readUInt16LE(at + 10);
    const crc = bytes.readUInt32LE(at + 16);
    const compressed = bytes.readUInt32LE(at + 20);
    const size = bytes.readUInt32LE(at + 24);
    const nameLength = bytes.readUInt16LE(at + 28);
    const skip = bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
    const local = bytes.readUInt32LE(at + 42);
    const name = bytes.toString('utf8', at + 46, at + 46 + nameLength);
    at += 46 + nameLength + skip;
    if (bytes.readUInt32LE(local) !== LOCAL) throw new Error(`${label}: bad local header for ${name}`);
    const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
    const body = bytes.subarray(start, start + compressed);
    let data;
    if (method === 0) data = Buffer.from(body);
    else if (method === 8) data = inflateRawSync(body);
    else throw new Error(`${label}: ${name} uses compression method ${method}`);
    if (data.length !== size || crc32(data) !== crc) throw new Error(`${label}: ${name} is damaged (size or CRC-32)`);
    entries.push({ name, data });
  }
  return entries;
}

/** Unpacks the zip file `file` into `dir`; returns the entry names. */
export function unzip(file, dir) {
  const entries = readZip(readFileSync(file), file);
  const root = path.resolve(dir);
  for (const { name, data } of entries) {
    const target = path.resolve(root, name);
    if (!target.startsWith(root + path.sep)) throw new Error(`${file}: entry ${name} would land outside ${dir}`);
    if (name.endsWith('/')) {
      mkdirSync(target, { recursive: true });
      continue;
    }
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, data);
  }
  return entries.map((e) => e.name);
}
