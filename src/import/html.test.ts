import { describe, expect, it } from 'vitest';
import { autop, convertPost, embedFor, expandShortcodes } from './html.js';

const noImages = async () => null;

describe('post HTML → document', () => {
  it('makes paragraphs the way wpautop does', () => {
    expect(autop('One\ntwo\n\n\nThree\n\n<h2>Head</h2>')).toBe(
      '<p>One<br>\ntwo</p>\n<p>Three</p>\n<h2>Head</h2>',
    );
  });

  it("reads marks from tags and inline styles as the editor's paste does", async () => {
    const { blocks } = await convertPost(
      '<p><span style="font-weight: 700">Bold</span> <cite>Title</cite> <b style="font-weight:normal">plain</b> H<sub>2</sub>O</p>',
      noImages,
    );
    expect(blocks).toEqual([
      {
        type: 'paragraph',
        content: [
          { type: 'text', text: 'Bold', marks: [{ type: 'bold' }] },
          { type: 'text', text: ' ' },
          { type: 'text', text: 'Title', marks: [{ type: 'italic' }] },
          { type: 'text', text: ' plain H' },
          { type: 'text', text: '2', marks: [{ type: 'subscript' }] },
          { type: 'text', text: 'O' },
        ],
      },
    ]);
  });

  it('turns [caption] into a figure and reports unknown shortcodes', () => {
    const problems: string[] = [];
    const html = expandShortcodes(
      '[caption id="a" width="300"]<img src="x.jpg"> A bridge[/caption] [poll id=3]',
      problems,
    );
    expect(html).toContain('<figure><img src="x.jpg"><figcaption>A bridge</figcaption></figure>');
    expect(problems).toEqual(['shortcode [poll] kept as text']);
  });

  it('turns [gallery ids] into images in order, and reports what it cannot', async () => {
    const files: Record<string, string> = {
      '7': 'https://old.example.com/a.jpg',
      '9': 'https://old.example.com/b.jpg',
    };
    const media: Record<string, number> = {
      'https://old.example.com/a.jpg': 41,
      'https://old.example.com/b.jpg': 42,
    };
    const resolve = async (src: string) => media[src] ?? null;
    const { blocks, problems } = await convertPost(
      '[gallery ids="9, 7,8"]\n\n[gallery]',
      resolve,
      (id) => files[id],
    );
    expect(blocks).toEqual([
      { type: 'image', attrs: { mediaId: 42 } },
      { type: 'image', attrs: { mediaId: 41 } },
    ]);
    expect(problems).toEqual([
      'gallery: attachment 8 is not in the export',
      'gallery of 2 images imported as separate images',
      '[gallery ids=""] not converted (add its images by hand)',
    ]);
  });

  it('recognises allow-listed embeds only', () => {
    expect(embedFor('https://youtu.be/dQw4w9WgXcQ')?.provider).toBe('youtube');
    expect(embedFor('https://evil.example.com/watch?v=1')).toBeNull();
  });

  it('converts inline marks, links and lists, and reports what it cannot', async () => {
    const { blocks, problems } = await convertPost(
      '<p>A <em>very</em> <a href="https://example.org/">good</a> <a href="/local">day</a>.</p><ol start="3"><li>c</li></ol><script>x()</script><img src="https://old.example.com/wp-content/uploads/a.jpg">',
      noImages,
    );
    expect(blocks).toEqual([
      {
        type: 'paragraph',
        content: [
          { type: 'text', text: 'A ' },
          { type: 'text', text: 'very', marks: [{ type: 'italic' }] },
          { type: 'text', text: ' ' },
          { type: 'text', text: 'good', marks: [{ type: 'link', attrs: { href: 'https://example.org/' } }] },
          { type: 'text', text: ' day.' },
        ],
      },
      {
        type: 'orderedList',
        attrs: { start: 3 },
        content: [
          { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'c' }] }] },
        ],
      },
    ]);
    expect(problems).toEqual([
      'link kept as text (not an absolute http/https/mailto address): /local',
      '<script> removed',
      'image not found in the media directory: https://old.example.com/wp-content/uploads/a.jpg',
    ]);
  });

  it('turns a table into a table node: caption, header row, marks, merged cells spread', async () => {
    const { blocks, problems } = await convertPost(
      '<figure class="wp-block-table"><table><caption> Budget  2026 </caption><thead><tr><th>Item</th><th>Cost</th></tr></thead>' +
        '<tbody><tr><td><strong>Gates</strong></td><td>€2m<sup>1</sup></td></tr><tr><td colspan="2">Total <s>€4m</s> €3m</td></tr>' +
        '<tr><td>Bridge</td></tr></tbody></table></figure>',
      noImages,
    );
    const cell = (...content: unknown[]) =>
      content.length ? { type: 'tableCell', content } : { type: 'tableCell' };
    const t = (text: string, marks?: unknown[]) =>
      marks ? { type: 'text', text, marks } : { type: 'text', text };
    expect(blocks).toEqual([
      {
        type: 'table',
        attrs: { caption: 'Budget 2026', headerRow: true },
        content: [
          { type: 'tableRow', content: [cell(t('Item')), cell(t('Cost'))] },
          {
            type: 'tableRow',
            content: [
              cell(t('Gates', [{ type: 'bold' }])),
              cell(t('€2m'), t('1', [{ type: 'superscript' }])),
            ],
          },
          {
            type: 'tableRow',
            content: [cell(t('Total '), t('€4m', [{ type: 'strike' }]), t(' €3m')), cell()],
          },
          { type: 'tableRow', content: [cell(t('Bridge')), cell()] },
        ],
      },
    ]);
    expect(problems).toEqual(['merged table cells split (check the table)']);
  });

  it('keeps underline, strike-through, superscript and subscript', async () => {
    const { blocks } = await convertPost('<p><u>a</u><del>b</del><sub>c</sub></p>', noImages);
    expect(blocks).toEqual([
      {
        type: 'paragraph',
        content: [
          { type: 'text', text: 'a', marks: [{ type: 'underline' }] },
          { type: 'text', text: 'b', marks: [{ type: 'strike' }] },
          { type: 'text', text: 'c', marks: [{ type: 'subscript' }] },
        ],
      },
    ]);
  });
});
