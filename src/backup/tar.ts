/**
 * A minimal ustar (POSIX.1-1988 tar) writer and reader: regular files only, which is all a
 * backup holds. Written here rather than taken from npm: the one tar package in node_modules is
 * an untyped transitive dependency (docs/decisions.md, "Backup archive: our own ustar"). Any tar
 * reads what the writer makes (`tar -tzf backup.tar.gz`); the reader checks every header's
 * checksum and refuses what the writer would never make, so a damaged archive is named as such.
 */

const BLOCK = 512;
/** ustar's size field: 11 octal digits. */
export const MAX_ENTRY_BYTES = 8 ** 11 - 1;

export class TarError extends Error {}

function octal(value: number, width: number): string {
  return `${value.toString(8).padStart(width - 1, '0')}\0`;
}

/** Splits a path into ustar's prefix (≤ 155 bytes) and name (≤ 100 bytes) at a slash. */
function splitName(name: string): { prefix: string; name: string } {
  if (Buffer.byteLength(name) <= 100) return { prefix: '', name };
  for (let i = name.lastIndexOf('/'); i > 0; i = name.lastIndexOf('/', i - 1)) {
    const prefix = name.slice(0, i);
    const rest = name.slice(i + 1);
    if (Buffer.byteLength(prefix) <= 155 && Buffer.byteLength(rest) <= 100) return { prefix, name: rest };
  }
  throw new TarError(`entry name too long for a tar header: ${name}`);
}

/** The 512-byte header of a regular file. */
export function tarHeader(name: string, size: number, mtime: Date): Buffer {
  if (!Number.isSafeInteger(size) || size < 0 || size > MAX_ENTRY_BYTES) {
    throw new TarError(`entry ${name} is ${size} bytes; a tar entry holds at most ${MAX_ENTRY_BYTES}`);
  }
  const parts = splitName(name);
  const h = Buffer.alloc(BLOCK);
  h.write(parts.name, 0, 100, 'utf8');
  h.write(octal(0o644, 8), 100, 'ascii');
  h.write(octal(0, 8), 108, 'ascii');
  h.write(octal(0, 8), 116, 'ascii');
  h.write(octal(size, 12), 124, 'ascii');
  h.write(octal(Math.floor(mtime.getTime() / 1000), 12), 136, 'ascii');
  h.write('        ', 148, 'ascii'); // the checksum counts its own field as spaces
  h.write('0', 156, 'ascii');
  h.write('ustar\0', 257, 'ascii');
  h.write('00', 263, 'ascii');
  h.write(parts.prefix, 345, 155, 'utf8');
  h.write(octal(checksum(h), 7), 148, 'ascii');
  h[155] = 0x20;
  return h;
}

function checksum(header: Buffer): number {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : (header[i] ?? 0);
  return sum;
}

/** Zeros that bring an entry of `size` bytes to a whole number of blocks. */
export function tarPadding(size: number): Buffer {
  return Buffer.alloc((BLOCK - (size % BLOCK)) % BLOCK);
}

/** The end of an archive: two zero blocks. */
export const TAR_END = Buffer.alloc(BLOCK * 2);

export interface TarEntry {
  name: string;
  size: number;
  /** The entry's bytes, in pieces; must be read to the end before the next entry. */
  body: AsyncGenerator<Buffer>;
}

/** Exact reads from a stream of chunks. */
class ByteReader {
  private buffered: Buffer[] = [];
  private length = 0;
  constructor(private readonly source: AsyncIterator<Buffer>) {}

  /** Up to `max` bytes (at least one), or null at the end of the stream. */
  async some(max: number): Promise<Buffer | null> {
    if (!this.length) {
      const next = await this.source.next();
      if (next.done) return null;
      this.buffered.push(next.value);
      this.length += next.value.length;
    }
    const first = this.buffered[0] as Buffer;
    if (first.length <= max) {
      this.buffered.shift();
      this.length -= first.length;
      return first;
    }
    this.buffered[0] = first.subarray(max);
    this.length -= max;
    return first.subarray(0, max);
  }

  /** Exactly `n` bytes, or null if the stream ends first (after a partial read too). */
  async exactly(n: number): Promise<Buffer | null> {
    const parts: Buffer[] = [];
    let got = 0;
    while (got < n) {
      const piece = await this.some(n - got);
      if (!piece) return null;
      parts.push(piece);
      got += piece.length;
    }
    return parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts);
  }
}

function field(h: Buffer, start: number, length: number): string {
  const raw = h.subarray(start, start + length);
  const end = raw.indexOf(0);
  return raw.subarray(0, end === -1 ? length : end).toString('utf8');
}

function parseOctal(h: Buffer, start: number, length: number, what: string): number {
  const text = field(h, start, length).trim();
  if (!/^[0-7]+$/.test(text)) throw new TarError(`damaged tar header (${what})`);
  return Number.parseInt(text, 8);
}

/**
 * The entries of a tar stream, in order. Throws TarError on a damaged header, on an archive that
 * ends before its end marker (truncated), and on anything but regular files.
 */
export async function* readTar(source: AsyncIterable<Buffer>): AsyncGenerator<TarEntry> {
  const reader = new ByteReader(source[Symbol.asyncIterator]());
  for (;;) {
    const header = await reader.exactly(BLOCK);
    if (!header) throw new TarError('the archive ends before its end marker (truncated?)');
    if (header.every((b) => b === 0)) {
      const second = await reader.exactly(BLOCK);
      if (!second?.every((b) => b === 0)) throw new TarError('damaged end of archive');
      return;
    }
    if (parseOctal(header, 148, 8, 'checksum') !== checksum(header)) {
      throw new TarError('damaged tar header (checksum mismatch)');
    }
    if (field(header, 257, 6) !== 'ustar') throw new TarError('not a ustar archive');
    const type = String.fromCharCode(header[156] ?? 0);
    if (type !== '0' && type !== '\0')
      throw new TarError(`unexpected tar entry type ${JSON.stringify(type)}`);
    const prefix = field(header, 345, 155);
    const name = prefix ? `${prefix}/${field(header, 0, 100)}` : field(header, 0, 100);
    const size = parseOctal(header, 124, 12, 'size');
    let consumed = false;
    const body = async function* (): AsyncGenerator<Buffer> {
      let left = size;
      while (left > 0) {
        const piece = await reader.some(left);
        if (!piece) throw new TarError(`the archive ends inside ${name} (truncated?)`);
        left -= piece.length;
        yield piece;
      }
      const pad = tarPadding(size).length;
      if (pad && !(await reader.exactly(pad)))
        throw new TarError(`the archive ends inside ${name} (truncated?)`);
      consumed = true;
    };
    const entry: TarEntry = { name, size, body: body() };
    yield entry;
    if (!consumed) for await (const _ of entry.body);
  }
}
