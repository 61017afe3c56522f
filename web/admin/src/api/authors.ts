/** Bylines (author profiles): their shape and the calls that read and change them. */

export interface Author {
  id: number;
  slug: string;
  name: string;
}
