import { describe, expect, it } from 'vitest';
import { autop, convertPost, embedFor, expandShortcodes } from './html.js';

const noImages = async () => null;

describe('post HTML → document', () => {
  it('makes paragraphs the way wpautop does', () => {
    expect(autop('One\ntwo\n\n\nThree\n\n<h2>Head</h2>')).toBe(
      '<p>One<br>\ntwo</p>\n<p>Three</p>\n<h2>Head</h2>',
    );
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
});
