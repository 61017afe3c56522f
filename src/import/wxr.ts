import fs from 'node:fs';
import { loadedOnFirstUse } from '../lib/first-use.js';

// Loaded by the first document to read: a serving node that takes no XML never needs it.
const saxes = loadedOnFirstUse<typeof import('saxes')>('saxes');

/**
 * A WordPress export (WXR 1.0–1.2) read as a stream of records: each `<wp:author>`,
 * `<wp:category>`, `<wp:tag>`, `<wp:term>` and `<item>` of the channel becomes one small tree,
 * handed over as soon as its end tag is read. Only one record (one post) is held at a time, so
 * memory stays flat however large the file. saxes checks well-formedness and names the line and
 * column of the first error.
 */

/** One element of a record: its attributes, its text (CDATA included) and its child elements. */
export interface XmlNode {
  name: string;
  attrs: Record<string, string>;
  text: string;
  children: XmlNode[];
}

export interface ChannelInfo {
  title: string;
  link: string;
  baseSiteUrl: string;
  baseBlogUrl: string;
  wxrVersion: string;
}

const RECORDS = new Set(['wp:author', 'wp:category', 'wp:tag', 'wp:term', 'item']);
const CHANNEL_FIELDS: Record<string, keyof ChannelInfo> = {
  title: 'title',
  link: 'link',
  'wp:base_site_url': 'baseSiteUrl',
  'wp:base_blog_url': 'baseBlogUrl',
  'wp:wxr_version': 'wxrVersion',
};
const SUPPORTED_VERSIONS = new Set(['1.0', '1.1', '1.2']);

/** The file is not a WXR file we can read; the message names the line and column. */
export class WxrError extends Error {
  override readonly name = 'WxrError';
}

/**
 * Reads `file` and calls `onRecord` for each record, awaiting it before the next chunk is
 * parsed (backpressure: a slow import never lets records pile up). Resolves with the channel's
 * fields; rejects with WxrError on malformed XML or a file that is not WXR 1.0–1.2.
 */
export async function readWxr(
  file: string,
  onRecord: (record: XmlNode, channel: ChannelInfo) => Promise<void> | void,
): Promise<ChannelInfo> {
  const parser = new (saxes().SaxesParser)({ xmlns: false, position: true, fileName: file });
  const channel: ChannelInfo = { title: '', link: '', baseSiteUrl: '', baseBlogUrl: '', wxrVersion: '' };
  const stack: XmlNode[] = []; // open elements inside the current record
  const path: string[] = []; // names of every open element
  const ready: XmlNode[] = [];
  let channelField: keyof ChannelInfo | null = null;
  let sawRss = false;
  let error: Error | null = null;

  const fail = (message: string) => {
    throw new WxrError(`${file}:${parser.line}:${parser.column + 1}: ${message}`);
  };
  parser.on('error', (err) => {
    error ??= new WxrError(err.message);
  });
  // After the first error saxes reads on, but the tree is no longer trustworthy: stop building.
  parser.on('opentag', (tag) => {
    if (error) return;
    const depth = path.length;
    if (depth === 0) {
      if (tag.name !== 'rss') fail(`not a WordPress export: the root element is <${tag.name}>, not <rss>`);
      sawRss = true;
    } else if (depth === 1 && tag.name !== 'channel') {
      fail(`not a WordPress export: <${tag.name}> where <channel> was expected`);
    }
    path.push(tag.name);
    const attrs: Record<string, string> = {};
    for (const [k, v] of Object.entries(tag.attributes)) attrs[k] = String(v);
    if (stack.length) {
      const node: XmlNode = { name: tag.name, attrs, text: '', children: [] };
      stack[stack.length - 1]?.children.push(node);
      stack.push(node);
    } else if (depth === 2 && RECORDS.has(tag.name)) {
      stack.push({ name: tag.name, attrs, text: '', children: [] });
    } else if (depth === 2) {
      channelField = CHANNEL_FIELDS[tag.name] ?? null;
    }
  });
  const onText = (text: string) => {
    const top = stack[stack.length - 1];
    if (top) top.text += text;
    else if (channelField && path.length === 3) channel[channelField] += text;
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', () => {
    if (error) return;
    path.pop();
    if (path.length === 2) channelField = null;
    const node = stack.pop();
    if (node && stack.length === 0) ready.push(node);
  });

  const flush = async () => {
    while (ready.length) {
      const record = ready.shift() as XmlNode;
      if (record.name !== 'wp:author' && !SUPPORTED_VERSIONS.has(channel.wxrVersion.trim())) {
        const v = channel.wxrVersion.trim();
        throw new WxrError(
          `${file}: ${v ? `WXR version ${v} is not supported (1.0–1.2 are)` : 'no <wp:wxr_version>: not a WordPress export'}`,
        );
      }
      await onRecord(record, channel);
    }
  };

  const stream = fs.createReadStream(file, { encoding: 'utf8', highWaterMark: 256 * 1024 });
  try {
    for await (const chunk of stream) {
      parser.write(chunk as string);
      if (error) throw error;
      await flush();
    }
    parser.close();
    if (error) throw error;
    await flush();
  } finally {
    stream.destroy();
  }
  if (!sawRss) throw new WxrError(`${file}:1:1: the file is empty`);
  if (!SUPPORTED_VERSIONS.has(channel.wxrVersion.trim())) {
    throw new WxrError(`${file}: no supported <wp:wxr_version> (1.0–1.2): not a WordPress export`);
  }
  return channel;
}

/** The text of the first child named `name` ('' if none). */
export function field(node: XmlNode, name: string): string {
  for (const c of node.children) if (c.name === name) return c.text;
  return '';
}

export function childrenNamed(node: XmlNode, name: string): XmlNode[] {
  return node.children.filter((c) => c.name === name);
}
