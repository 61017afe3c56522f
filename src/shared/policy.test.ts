import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ACTIONS, type Action, can, canAssignRole, grantOf } from './policy.js';
import type { Role } from './vocabulary.js';

const ROLES: Role[] = ['owner', 'admin', 'editor', 'author', 'contributor'];
const WORDS = { any: 'any', own: 'own', 'own-unpublished': 'own, unpublished', false: 'no' } as const;

/** The documented matrix, read from docs/permissions.md. */
function documented(): Map<string, string> {
  const md = fs.readFileSync(new URL('../../docs/permissions.md', import.meta.url), 'utf8');
  const cells = new Map<string, string>();
  for (const line of md.split('\n')) {
    // Table rows, however the formatter pads them: | action | owner | admin | … |
    const cols = line.split('|').map((c) => c.trim());
    const action = cols[1];
    if (!action || !/^[a-z]+\.[a-z]+$/.test(action) || cols.length < ROLES.length + 2) continue;
    for (const [i, role] of ROLES.entries()) cells.set(`${action}/${role}`, cols[i + 2] ?? '');
  }
  return cells;
}

describe('permission policy', () => {
  const doc = documented();

  it('documents every action for every role', () => {
    expect(doc.size).toBe(ACTIONS.length * ROLES.length);
  });

  for (const action of ACTIONS) {
    for (const role of ROLES) {
      it(`${role} × ${action} is "${doc.get(`${action}/${role}`)}" as documented`, () => {
        const grant = grantOf(role, action as Action);
        expect(WORDS[String(grant) as keyof typeof WORDS]).toBe(doc.get(`${action}/${role}`));
        const me = { id: 7, role };
        const mine = { ownerId: 7, status: 'draft' as const };
        const minePublished = { ownerId: 7, status: 'published' as const };
        const theirs = { ownerId: 8, status: 'draft' as const };
        expect(can(me, action, theirs)).toBe(grant === 'any');
        expect(can(me, action, mine)).toBe(grant !== false);
        expect(can(me, action, minePublished)).toBe(grant === 'any' || grant === 'own');
      });
    }
  }

  it('lets only owners hand out the owner role', () => {
    expect(canAssignRole({ id: 1, role: 'owner' }, 'owner')).toBe(true);
    expect(canAssignRole({ id: 1, role: 'admin' }, 'owner')).toBe(false);
    expect(canAssignRole({ id: 1, role: 'admin' }, 'editor')).toBe(true);
    expect(canAssignRole({ id: 1, role: 'editor' }, 'contributor')).toBe(false);
  });
});
