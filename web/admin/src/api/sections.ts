/** The section tree: its shape and the calls that read and change it. */

export interface Section {
  id: number;
  slug: string;
  name: string;
  path: string;
  parentId: number | null;
  children: Section[];
}
