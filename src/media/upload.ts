import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import type { Db, MediaRow } from '../db/index.js';
import { codeForStatus, DomainError } from '../errors.js';
import { CONTROL_MESSAGE, CONTROL_MESSAGE_MULTILINE, hasControlCharacters } from '../lib/text.js';
import {
  type Inspected,
  inspectImage,
  keepImages,
  type MediaLimits,
  type MediaMeta,
  MediaRefused,
  tmpPath,
} from './library.js';

/** Files per request: the admin app sends one; scripts may send a handful at once. */
export const MAX_FILES_PER_UPLOAD = 20;

/** A request the upload endpoint refuses as a whole (besides refused files): 400 or 413 `too_large`. */
export class UploadError extends DomainError {
  declare readonly status: 400 | 413;
  constructor(status: 400 | 413, message: string) {
    super(status, codeForStatus(status), message);
  }
}

export interface UploadResult {
  media: MediaRow[];
  /** Set when anything was refused: then `media` is empty and nothing was kept. */
  refused: MediaRefused[];
}

interface Received {
  tmp: string;
  fileName: string;
  truncated: boolean;
}

/**
 * Reads a multipart upload (files under any field name; `alt`, `caption`, `credit`,
 * `filePhoto` fields apply to every file), checks every file, and keeps them only if all pass:
 * a refused upload leaves no row and no file behind.
 */
export async function receiveUpload(
  req: FastifyRequest,
  db: Db,
  mediaDir: string,
  limits: MediaLimits,
  now: string,
  uploadedBy: number | null = null,
): Promise<UploadResult> {
  const received: Received[] = [];
  const fields: Record<string, string> = {};
  try {
    await fsp.mkdir(path.join(mediaDir, 'tmp'), { recursive: true });
    try {
      const parts = req.parts({
        // One byte over the limit is enough to know a file is too large; the rest is skipped.
        // (The admin scope registers multipart with throwFileSizeLimit off: `truncated` is read below.)
        limits: {
          fileSize: limits.maxUploadBytes + 1,
          files: MAX_FILES_PER_UPLOAD,
          fields: 20,
          fieldSize: 10_000,
        },
      });
      for await (const part of parts) {
        if (part.type === 'field') {
          if (typeof part.value === 'string') fields[part.fieldname] = part.value;
          continue;
        }
        const item: Received = {
          tmp: tmpPath(mediaDir),
          fileName: cleanName(part.filename),
          truncated: false,
        };
        received.push(item);
        await pipeline(part.file, fs.createWriteStream(item.tmp));
        item.truncated = part.file.truncated;
      }
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (code === 'FST_FILES_LIMIT') {
        throw new UploadError(413, `at most ${MAX_FILES_PER_UPLOAD} files per request`);
      }
      if (code?.startsWith('FST_')) throw new UploadError(400, (err as Error).message);
      // A file system error is ours (a full disk is a 507, src/errors.ts): name the file being
      // written for the log. Anything else came from parsing the body ("Unexpected end of form").
      if ((err as { syscall?: string }).syscall) {
        const writing = received.at(-1)?.tmp;
        if (writing && !(err as { path?: string }).path) Object.assign(err as object, { path: writing });
        throw err;
      }
      throw new UploadError(400, `malformed multipart/form-data body: ${(err as Error).message}`);
    }
    if (!received.length) throw new UploadError(400, 'no file in the request (send multipart/form-data)');
    const meta = { ...parseMeta(fields), uploadedBy };
    const inspected: Inspected[] = [];
    const refused: MediaRefused[] = [];
    for (const r of received) {
      if (r.truncated) {
        const limit = `${Number((limits.maxUploadBytes / 1024 / 1024).toFixed(1))} MB`;
        refused.push(
          new MediaRefused(413, 'too_large', r.fileName, `${r.fileName} is larger than the ${limit} limit`),
        );
        continue;
      }
      try {
        inspected.push(await inspectImage(r.tmp, r.fileName, limits));
      } catch (err) {
        if (!(err instanceof MediaRefused)) throw err;
        refused.push(err);
      }
    }
    if (refused.length) return { media: [], refused };
    return { media: await keepImages(db, mediaDir, inspected, now, meta), refused: [] };
  } finally {
    // Kept files were renamed away; whatever is left here was refused or never finished.
    await Promise.all(received.map((r) => fsp.rm(r.tmp, { force: true })));
  }
}

function parseMeta(fields: Record<string, string>): MediaMeta {
  const text = (name: string, max: number, multiline = false) => {
    const v = fields[name]?.trim();
    if (v !== undefined && v.length > max) throw new UploadError(400, `${name}: at most ${max} characters`);
    if (v !== undefined && hasControlCharacters(v, { multiline })) {
      throw new UploadError(400, `${name}: ${multiline ? CONTROL_MESSAGE_MULTILINE : CONTROL_MESSAGE}`);
    }
    return v;
  };
  const flag = fields.filePhoto?.trim().toLowerCase();
  if (flag !== undefined && !['', 'true', 'false', '1', '0', 'on'].includes(flag)) {
    throw new UploadError(400, 'filePhoto: use true or false');
  }
  return {
    alt: text('alt', 1000),
    caption: text('caption', 2000, true),
    credit: text('credit', 300),
    filePhoto: flag === 'true' || flag === '1' || flag === 'on',
  };
}

/** The name as a person would recognise it in a message: no path, no control characters, bounded. */
function cleanName(name: string | undefined): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  const printable = [...base].filter((c) => c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) !== 0x7f).join('');
  return printable.slice(0, 200) || 'file';
}
