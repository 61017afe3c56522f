/**
 * The authoring format of the demo newsroom. Demo stories are written as plain data and
 * turned into body documents by the seeder, so the text stays easy to read and edit.
 */

export interface DemoSection {
  slug: string;
  name: string;
  description: string;
  /** Child sections, any depth. */
  children?: DemoSection[];
}

export interface DemoAuthor {
  slug: string;
  name: string;
  bio: string;
}

/**
 * One block of an article body.
 * - a plain string is a paragraph; inline `**bold**`, `*italic*` and `[text](https://…)` are understood
 * - `{ h: 'text', level? }` is a subheading (level 2 by default, 2–4)
 * - `{ quote: 'text', cite? }` is a block quote
 * - `{ list: ['…'], ordered? }` is a bullet (or numbered) list
 * - `{ rule: true }` is a divider
 * - `{ image: 'image-key', caption, credit, filePhoto? }` is an inline image from the demo images
 */
export type DemoBlock =
  | string
  | { h: string; level?: 2 | 3 | 4 }
  | { quote: string; cite?: string }
  | { list: string[]; ordered?: boolean }
  | { rule: true }
  | { image: string; caption: string; credit: string; filePhoto?: boolean };

export interface DemoArticle {
  slug: string;
  headline: string;
  dek: string;
  /** Full section path, e.g. "news/politics/russia". */
  section: string;
  /** Author slugs, in byline order. */
  authors: string[];
  /** Tag names; tags are created from them. */
  tags: string[];
  dateline?: string;
  /** Hours before "now" at seeding time that the story was first published. */
  hoursAgo: number;
  /** Hours after first publication that it was last updated, if it was. */
  updatedAfterHours?: number;
  lead: {
    /** Key of an image under src/demo/images (file name without extension). */
    image: string;
    caption: string;
    credit: string;
    filePhoto?: boolean;
    alt: string;
  };
  body: DemoBlock[];
}

/**
 * A story of another edition of the demo (src/demo/editions.ts): `section` is a path in that
 * edition's tree, without its prefix; `translationOf` names the English story it translates.
 */
export interface DemoEditionArticle extends DemoArticle {
  translationOf?: string;
}
