/**
 * Uploads through the newsroom API on both databases: what is accepted (by content, not name),
 * what is refused and how, that a refusal leaves nothing behind, GPS gone from renditions, and
 * who may upload.
 */
import fs from 'node:fs';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { call, createRoleUsers, ORIGIN, type Session, signIn } from '../test/admin.js';
import { type TestEnv, testEnv } from '../test/context.js';
import { testDialects } from '../test/databases.js';

const realCreateWriteStream = fs.createWriteStream;

interface Upload {
  name: string;
  data: Buffer;
  /** What the browser would declare; the server must not believe it. */
  type?: string;
}

/** A multipart body as a browser's FormData makes it. */
async function multipart(files: Upload[], fields: Record<string, string> = {}) {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  for (const f of files)
    fd.append('file', new Blob([new Uint8Array(f.data)], { type: f.type ?? '' }), f.name);
  const req = new Request('http://x/', { method: 'POST', body: fd });
  return {
    payload: Buffer.from(await req.arrayBuffer()),
    contentType: req.headers.get('content-type') ?? '',
  };
}

const solid = (width = 64, height = 48) =>
  sharp({ create: { width, height, channels: 3, background: { r: 200, g: 80, b: 40 } } });

/** A valid 1×1 PNG whose header then claims 100,000 × 100,000 pixels (CRC fixed up). */
async function pixelBomb(): Promise<Buffer> {
  const png = Buffer.from(await solid(1, 1).png().toBuffer());
  png.writeUInt32BE(100_000, 16);
  png.writeUInt32BE(100_000, 20);
  png.writeUInt32BE(crc32(png.subarray(12, 29)) >>> 0, 29);
  return png;
}

/** Whether EXIF data (a TIFF structure) has a GPS IFD pointer (tag 0x8825) in IFD0. */
function hasGps(exif: Buffer | undefined): boolean {
  if (!exif) return false;
  const tiff = exif.subarray(exif.indexOf('Exif\0\0') === 0 ? 6 : 0);
  const le = tiff.toString('latin1', 0, 2) === 'II';
  const u16 = (o: number) => (le ? tiff.readUInt16LE(o) : tiff.readUInt16BE(o));
  const ifd0 = le ? tiff.readUInt32LE(4) : tiff.readUInt32BE(4);
  for (let i = 0; i < u16(ifd0); i++) if (u16(ifd0 + 2 + i * 12) === 0x8825) return true;
  return false;
}

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => fs.statSync(path.join(dir, f)).isFile());
}

describe.each(testDialects())('media uploads on %s', (dialect) => {
  let env: TestEnv;
  let s: Record<'owner' | 'editor' | 'author' | 'contributor', Session>;

  beforeAll(async () => {
    env = await testEnv(dialect, { MEDIA_MAX_UPLOAD_MB: '1', MEDIA_MAX_MEGAPIXELS: '4' });
    await createRoleUsers(env.ctx);
    s = {
      owner: await signIn(env.app, 'owner@example.com'),
      editor: await signIn(env.app, 'editor@example.com'),
      author: await signIn(env.app, 'author@example.com'),
      contributor: await signIn(env.app, 'contributor@example.com'),
    };
  });
  afterAll(() => env?.close());

  const upload = async (who: Session | null, files: Upload[], fields?: Record<string, string>) => {
    const body = await multipart(files, fields);
    return env.app.inject({
      method: 'POST',
      url: '/api/admin/media',
      headers: {
        'content-type': body.contentType,
        origin: ORIGIN,
        ...(who ? { cookie: who.cookie, 'x-csrf-token': who.csrf } : {}),
      },
      payload: body.payload,
    });
  };
  const count = async () =>
    Number(
      (
        await env.ctx.db
          .selectFrom('media')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  /** Rows and files as they are now, to prove a refusal changed neither. */
  const snapshot = async () => ({ rows: await count(), files: filesUnder(env.ctx.config.mediaDir).sort() });

  it('accepts JPEG, PNG, WebP, AVIF and GIF, identified by their bytes, with the fields given', async () => {
    const files = await Promise.all(
      (['jpeg', 'png', 'webp', 'avif', 'gif'] as const).map(async (f, i) => ({
        name: `photo-${i}.${f}`,
        data: await solid(80 + i, 60)
          [f]()
          .toBuffer(),
        type: 'application/octet-stream',
      })),
    );
    const res = await upload(s.author, files, { alt: 'Test card', credit: 'Desk', filePhoto: 'true' });
    expect(res.statusCode, res.body).toBe(201);
    const media = res.json().media as { id: number; mimeType: string; width: number; height: number }[];
    expect(media.map((m) => m.mimeType)).toEqual([
      'image/jpeg',
      'image/png',
      'image/webp',
      'image/avif',
      'image/gif',
    ]);
    expect(media.map((m) => m.width)).toEqual([80, 81, 82, 83, 84]);
    expect(res.json().media[0]).toMatchObject({
      alt: 'Test card',
      credit: 'Desk',
      filePhoto: true,
      focalX: 0.5,
    });
    // Every upload can be shown in all three formats.
    for (const [ext, mime] of [
      ['avif', 'image/avif'],
      ['webp', 'image/webp'],
      ['jpg', 'image/jpeg'],
    ]) {
      // Not used by anything public yet: the newsroom (signed in) sees it.
      const r = await env.app.inject({
        method: 'GET',
        url: `/media/${media[4]?.id}/320.${ext}`,
        headers: { cookie: s.editor.cookie },
      });
      expect(r.statusCode).toBe(200);
      expect(r.headers['content-type']).toBe(mime);
      expect((await sharp(r.rawPayload).metadata()).format).toBe(
        ext === 'avif' ? 'heif' : ext === 'jpg' ? 'jpeg' : ext,
      );
    }
  });

  it('believes the bytes, not the name: a PNG called .jpg is a PNG', async () => {
    const res = await upload(s.editor, [
      { name: 'holiday.jpg', data: await solid().png().toBuffer(), type: 'image/jpeg' },
    ]);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().media[0].mimeType).toBe('image/png');
  });

  it('refuses SVG by name, text called .png, and other image types, changing nothing', async () => {
    const before = await snapshot();
    const svg = Buffer.from(
      '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9"><script>alert(1)</script></svg>',
    );
    const r1 = await upload(s.editor, [{ name: 'notes.svg', data: svg, type: 'image/svg+xml' }]);
    expect(r1.statusCode).toBe(415);
    expect(r1.json().error).toMatchObject({
      code: 'unsupported_media_type',
      message: expect.stringContaining('notes.svg: SVG is not accepted'),
    });
    const r2 = await upload(s.editor, [
      { name: 'photo.png', data: Buffer.from('just some words\n'), type: 'image/png' },
    ]);
    expect(r2.statusCode).toBe(415);
    expect(r2.json().error.message).toBe(
      'photo.png: found text, which is not accepted (accepted: JPEG, PNG, WebP, AVIF, GIF)',
    );
    const r3 = await upload(s.editor, [{ name: 'scan.tif', data: await solid().tiff().toBuffer() }]);
    expect(r3.statusCode).toBe(415);
    expect(r3.json().error.message).toContain('found TIF (image/tiff)');
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a file over the size limit with 413, changing nothing', async () => {
    const before = await snapshot();
    const big = Buffer.concat([await solid().jpeg().toBuffer(), Buffer.alloc(1024 * 1024 + 10)]);
    const res = await upload(s.editor, [{ name: 'huge.jpg', data: big }]);
    expect(res.statusCode).toBe(413);
    expect(res.json().error).toEqual({
      code: 'too_large',
      message: 'huge.jpg is larger than the 1 MB limit',
      details: [
        {
          field: 'file',
          file: 'huge.jpg',
          code: 'too_large',
          message: 'huge.jpg is larger than the 1 MB limit',
        },
      ],
    });
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a decompression bomb from its header, and an image over the pixel limit, with 422', async () => {
    const before = await snapshot();
    const bomb = await upload(s.editor, [{ name: 'bomb.png', data: await pixelBomb() }]);
    expect(bomb.statusCode).toBe(422);
    expect(bomb.json().error).toMatchObject({
      code: 'too_many_pixels',
      message: 'bomb.png is 100000 × 100000 pixels (10000 megapixels); the limit is 4 megapixels',
    });
    // Refused from the header, its dimensions named: nothing was decoded (10,000 megapixels would
    // not fit in the test's time or memory). How fast is no business of a test here.
    const wide = await upload(s.editor, [
      { name: 'wide.png', data: await solid(3000, 1500).png().toBuffer() },
    ]);
    expect(wide.statusCode).toBe(422);
    expect(wide.json().error.message).toContain('3000 × 1500 pixels (4.5 megapixels)');
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a truncated image, and keeps none of a batch with one bad file', async () => {
    const before = await snapshot();
    const jpeg = await solid(400, 300).jpeg().toBuffer();
    const cut = await upload(s.editor, [{ name: 'cut.jpg', data: jpeg.subarray(0, 300) }]);
    expect(cut.statusCode).toBe(422);
    expect(cut.json().error.code).toBe('unreadable_image');
    const batch = await upload(s.editor, [
      { name: 'good.jpg', data: jpeg },
      { name: 'bad.svg', data: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>') },
      { name: 'readme.png', data: Buffer.from('hello') },
    ]);
    expect(batch.statusCode).toBe(415);
    expect(batch.json().error.message).toBe(
      'bad.svg: SVG is not accepted (accepted: JPEG, PNG, WebP, AVIF, GIF) (and 1 more refused)',
    );
    expect(batch.json().error.details.map((d: { file: string }) => d.file)).toEqual([
      'bad.svg',
      'readme.png',
    ]);
    expect(await snapshot()).toEqual(before);
  });

  it('publishes renditions without EXIF (GPS gone) and with the orientation applied', async () => {
    // 40×20 stored, EXIF orientation 6: shown 20 wide, 40 tall.
    const photo = await solid(40, 20)
      .jpeg()
      .withExif({
        IFD0: { Make: 'TestCam' },
        IFD3: {
          GPSLatitudeRef: 'N',
          GPSLatitude: '50/1 5/1 0/1',
          GPSLongitudeRef: 'E',
          GPSLongitude: '14/1 25/1 0/1',
        },
      })
      .withMetadata({ orientation: 6 })
      .toBuffer();
    expect(hasGps((await sharp(photo).metadata()).exif)).toBe(true); // the test photo does carry GPS
    const res = await upload(s.editor, [{ name: 'field.jpg', data: photo }]);
    expect(res.statusCode, res.body).toBe(201);
    const m = res.json().media[0];
    expect([m.width, m.height]).toEqual([20, 40]);
    for (const ext of ['jpg', 'webp', 'avif']) {
      const r = await env.app.inject({
        method: 'GET',
        url: `/media/${m.id}/320.${ext}`,
        headers: { cookie: s.editor.cookie },
      });
      const meta = await sharp(r.rawPayload).metadata();
      expect(meta.exif, ext).toBeUndefined();
      expect(hasGps(meta.exif)).toBe(false);
      expect(meta.orientation ?? 1).toBe(1);
      expect(meta.height, ext).toBeGreaterThan(meta.width ?? 0);
      expect(r.rawPayload.includes(Buffer.from('TestCam'))).toBe(false);
    }
  });

  it('needs a session and the CSRF token', async () => {
    const before = await snapshot();
    const jpeg = [{ name: 'a.jpg', data: await solid().jpeg().toBuffer() }];
    expect((await upload(null, jpeg)).statusCode).toBe(401);
    const body = await multipart(jpeg);
    const noCsrf = await env.app.inject({
      method: 'POST',
      url: '/api/admin/media',
      headers: { 'content-type': body.contentType, origin: ORIGIN, cookie: s.editor.cookie },
      payload: body.payload,
    });
    expect(noCsrf.json().error.code).toBe('bad_csrf_token');
    const crossSite = await env.app.inject({
      method: 'POST',
      url: '/api/admin/media',
      headers: {
        'content-type': body.contentType,
        origin: 'https://evil.example',
        cookie: s.editor.cookie,
        'x-csrf-token': s.editor.csrf,
      },
      payload: body.payload,
    });
    expect(crossSite.json().error.code).toBe('bad_origin');
    expect(await snapshot()).toEqual(before);
  });

  it('lets contributors upload pictures and describe only their own', async () => {
    const theirs = (await call(env.app, s.contributor, 'GET', '/media')).json().media[0];
    expect(theirs.uploadedBy).not.toBe(s.contributor.userId);
    const jpeg = [{ name: 'stringer.jpg', data: await solid().jpeg().toBuffer() }];
    const filed = await upload(s.contributor, jpeg);
    expect(filed.statusCode, filed.body).toBe(201);
    const mine = filed.json().media[0];
    expect(mine.uploadedBy).toBe(s.contributor.userId);
    const described = await call(env.app, s.contributor, 'PATCH', `/media/${mine.id}`, {
      alt: 'Flood water on the embankment',
      credit: 'Stringer',
    });
    expect(described.statusCode, described.body).toBe(200);
    expect(described.json()).toMatchObject({ alt: 'Flood water on the embankment', credit: 'Stringer' });
    const denied = await call(env.app, s.contributor, 'PATCH', `/media/${theirs.id}`, { focalX: 0.2 });
    expect(denied.statusCode).toBe(403);
    expect(denied.json().error).toEqual({
      code: 'forbidden',
      message: 'your role (contributor) does not allow media.update',
    });
    // Editors see the contributor's upload in the library and may describe it too.
    const list = (await call(env.app, s.editor, 'GET', '/media')).json().media;
    expect(list.find((m: { id: number }) => m.id === mine.id)?.uploadedBy).toBe(s.contributor.userId);
    expect(
      (await call(env.app, s.editor, 'PATCH', `/media/${mine.id}`, { caption: 'Checked' })).statusCode,
    ).toBe(200);
    expect((await call(env.app, s.contributor, 'DELETE', `/media/${mine.id}`)).statusCode).toBe(403);
  });

  it('answers a JSON or empty request with a clear 4xx', async () => {
    const json = await call(env.app, s.editor, 'POST', '/media', { file: 'x' });
    expect(json.statusCode).toBe(415);
    expect(json.json().error.message).toBe('send the files as multipart/form-data');
    const empty = await multipart([], { alt: 'only a field' });
    const res = await env.app.inject({
      method: 'POST',
      url: '/api/admin/media',
      headers: {
        'content-type': empty.contentType,
        origin: ORIGIN,
        cookie: s.editor.cookie,
        'x-csrf-token': s.editor.csrf,
      },
      payload: empty.payload,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('no file in the request');
  });

  it('refuses control characters in the text fields of an upload and of an edit, keeping nothing', async () => {
    const before = await snapshot();
    const jpeg = [{ name: 'a.jpg', data: await solid().jpeg().toBuffer() }];
    for (const [field, value] of [
      ['alt', 'a\u0000b'],
      ['credit', 'Reuters\u001b'],
      ['caption', 'one\u0007two'],
    ] as const) {
      const res = await upload(s.editor, jpeg, { [field]: value });
      expect(res.statusCode, field).toBe(400);
      expect(res.json().error.message).toContain(field);
    }
    expect(await snapshot()).toEqual(before);
    const ok = await upload(s.editor, jpeg, { caption: 'one line\nand another' });
    expect(ok.statusCode).toBe(201);
    const id = ok.json().media[0].id;
    const edit = await call(env.app, s.editor, 'PATCH', `/media/${id}`, { alt: 'x\u0000' });
    expect(edit.statusCode).toBe(400);
    expect(edit.json().error.message).toContain('alt');
  });

  it('answers 507 naming the cause when the disk is full, keeping nothing half-written', async () => {
    const before = await snapshot();
    // Every write of the upload goes to /dev/full: the kernel's own ENOSPC, as on a full disk.
    const write = vi
      .spyOn(fs, 'createWriteStream')
      .mockImplementation(((_path: string) =>
        realCreateWriteStream('/dev/full')) as typeof fs.createWriteStream);
    try {
      const res = await upload(s.editor, [{ name: 'a.jpg', data: await solid(400, 300).jpeg().toBuffer() }]);
      expect(res.statusCode).toBe(507);
      expect(res.json().error).toEqual({
        code: 'insufficient_storage',
        message: 'the server has run out of disk space: nothing was saved; tell the site operator',
      });
    } finally {
      write.mockRestore();
    }
    expect(await snapshot()).toEqual(before);
  });

  it('answers a malformed multipart body with 400, keeping nothing', async () => {
    const before = await snapshot();
    const boundary = '----masthead';
    for (const payload of [
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\n\r\nabc`,
      `--${boundary}\r\nno header end`,
      'not multipart at all',
    ]) {
      const res = await env.app.inject({
        method: 'POST',
        url: '/api/admin/media',
        headers: {
          'content-type': `multipart/form-data; boundary=${boundary}`,
          origin: ORIGIN,
          cookie: s.editor.cookie,
          'x-csrf-token': s.editor.csrf,
        },
        payload,
      });
      expect(res.statusCode, payload).toBe(400);
      expect(res.json().error.code).toBe('invalid_input');
    }
    expect(await snapshot()).toEqual(before);
  });

  it('saves the focal point (0..1) and refuses one outside the image', async () => {
    const { id } = (
      await upload(s.editor, [{ name: 'f.jpg', data: await solid(200, 100).jpeg().toBuffer() }])
    ).json().media[0];
    const ok = await call(env.app, s.author, 'PATCH', `/media/${id}`, {
      focalX: 0.25,
      focalY: 0.8,
      caption: 'Harbour',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ focalX: 0.25, focalY: 0.8, caption: 'Harbour' });
    expect((await call(env.app, s.owner, 'GET', `/media/${id}`)).json()).toMatchObject({
      focalX: 0.25,
      focalY: 0.8,
    });
    const bad = await call(env.app, s.author, 'PATCH', `/media/${id}`, { focalX: 1.5 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].field).toBe('body.focalX');
    const found = await call(env.app, s.author, 'GET', '/media?q=harbour');
    expect(found.json().media.map((m: { id: number }) => m.id)).toEqual([id]);
  });

  it('documents the upload as multipart/form-data in the OpenAPI file', async () => {
    const doc = (await env.app.inject({ method: 'GET', url: '/api/admin/openapi.json' })).json();
    const op = doc.paths['/api/admin/media'].post;
    expect(Object.keys(op.requestBody.content)).toEqual(['multipart/form-data']);
    expect(op.requestBody.content['multipart/form-data'].schema.properties).toHaveProperty('caption');
  });
});
