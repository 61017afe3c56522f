/**
 * Editions as the newsroom API presents them (src/admin/routes/editions.ts) and the newsroom
 * app reads them: one type on both sides, so a field added to one cannot be missing from the other.
 */

/** An edition: a language at an address, with its own time zone (src/editions). */
export interface EditionView {
  id: number;
  code: string;
  /** BCP 47 ("es", "ar", "pt-BR"). */
  language: string;
  /** From the language: Arabic, Persian, Hebrew … are right to left. */
  direction: 'ltr' | 'rtl';
  name: string;
  timeZone: string;
  /** `es` for `/es/…` on the primary host; null for the default edition or one on a host of its own. */
  prefix: string | null;
  host: string | null;
  /**
   * Its own alternate addresses (origins, e.g. `https://ar-mirror.example.net`): the site's
   * addresses screen gives them (src/mirrors). Set where the site reads editions; the newsroom
   * API's list leaves it out.
   */
  alternates?: string[];
  isDefault: boolean;
  position: number;
  /** Root-relative address of its home page: `/` or `/es`. */
  home: string;
}

/** A story's translation in another edition. */
export interface TranslationView {
  articleId: number;
  editionId: number;
  language: string;
  /** Public path, null until published. */
  path: string | null;
  headline: string;
  status: string;
  /** Readers may see it now (published, its time reached). */
  public: boolean;
  /** The story the group was translated from (the newsroom API's list; the editor opens it first). */
  source: boolean;
}
