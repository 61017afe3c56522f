import { z } from 'zod';
import { MAX_ROW_ID } from '../../lib/ids.js';
import { multiLine, singleLine } from '../../lib/text.js';

/** Input of video writes (the admin API and the demo seed go through these). */
const httpUrl = z
  .url({ protocol: /^https?$/, error: 'must be an http or https URL' })
  .max(2000)
  .refine((u) => !new URL(u).username && !new URL(u).password, 'must not carry a user name or password');

/** HLS playlists end in .m3u8, MP4 files in .mp4 (or .m4v); anything else must say its kind. */
export function kindOfUrl(url: string): 'hls' | 'mp4' | null {
  const path = new URL(url).pathname.toLowerCase();
  if (path.endsWith('.m3u8')) return 'hls';
  if (path.endsWith('.mp4') || path.endsWith('.m4v')) return 'mp4';
  return null;
}

export const videoInput = z
  .object({
    sourceUrl: httpUrl,
    kind: z.enum(['hls', 'mp4']).optional(),
    durationSeconds: z
      .number()
      .int()
      .min(1)
      .max(24 * 3600),
    posterMediaId: z.number().int().positive().max(MAX_ROW_ID).nullable().default(null),
    captionsUrl: httpUrl.nullable().default(null),
    captionsLanguage: z
      .string()
      .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/, 'must be a language code such as en or en-GB')
      .nullable()
      .default(null),
    quality: z.enum(['SD', 'HD', 'FHD', 'UHD']).default('HD'),
  })
  .transform((v, ctx) => {
    const kind = v.kind ?? kindOfUrl(v.sourceUrl);
    if (!kind) {
      ctx.addIssue({ code: 'custom', path: ['kind'], message: 'cannot tell from the URL: give hls or mp4' });
      return z.NEVER;
    }
    if (v.captionsUrl && !v.captionsLanguage) {
      ctx.addIssue({ code: 'custom', path: ['captionsLanguage'], message: 'required with captionsUrl' });
      return z.NEVER;
    }
    return { ...v, kind };
  });
export type VideoInput = z.input<typeof videoInput>;

export const liveStreamInput = z.object({
  slug: z
    .string()
    .regex(/^[a-z][a-z0-9-]{0,79}$/, 'lowercase letters, digits and dashes, starting with a letter'),
  title: singleLine().trim().min(1).max(200),
  hlsUrl: httpUrl.refine((u) => kindOfUrl(u) === 'hls', 'must be an HLS playlist (.m3u8)'),
  posterMediaId: z.number().int().positive().max(MAX_ROW_ID).nullable().default(null),
  description: multiLine().max(2000).default(''),
  active: z.boolean().default(true),
});
export type LiveStreamInput = z.input<typeof liveStreamInput>;
