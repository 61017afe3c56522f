/** Slugs are lowercase ASCII words joined by hyphens; accents are folded ("Tomáš" → "tomas"). */
export function slugify(input: string, maxLength = 80): string {
  const slug = input
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[łŁ]/g, 'l')
    .replace(/[øØ]/g, 'o')
    .replace(/ß/g, 'ss')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug.slice(0, maxLength).replace(/-+$/, '');
}

/** Section and article slugs start with a letter, so a path segment of digits is always a date. */
export const SLUG_PATTERN = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

export function isSlug(value: string): boolean {
  return value.length <= 120 && SLUG_PATTERN.test(value);
}

/** Article slugs follow a date in the permalink, so they may start with a digit ("2027-budget"). */
export const ARTICLE_SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
