/** The signed-in user and their session: sign in and out, password, sessions everywhere. */
import type { Role } from '@shared/vocabulary.js';

export type { Role };

export interface User {
  id: number;
  email: string;
  name: string;
  role: Role;
  authorId: number | null;
}
