/** Tags: their shape and the calls that read and change them. */

export interface Tag {
  id: number;
  slug: string;
  name: string;
}
