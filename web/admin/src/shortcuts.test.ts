/** The shortcut list and the keys that complete its shell shortcuts. */
import { describe, expect, it } from 'vitest';
import { isTyping, SHORTCUTS, shortcutMatcher } from './shortcuts.js';

describe('keyboard shortcuts', () => {
  it('lists new story, desk, stories, search, save and help', () => {
    const labels = SHORTCUTS.map((s) => s.label);
    for (const l of ['New story', 'Go to the desk', 'Go to stories', 'Search stories', 'Save now'])
      expect(labels).toContain(l);
    expect(SHORTCUTS.find((s) => s.action === 'help')?.keys).toEqual(['?']);
    // No two shell shortcuts share keys.
    const shell = SHORTCUTS.filter((s) => s.scope === 'app').map((s) => s.keys.join(' '));
    expect(new Set(shell).size).toBe(shell.length);
  });

  it('completes single keys and two-key sequences', () => {
    const m = shortcutMatcher();
    expect(m.key('n').action).toBe('new-story');
    expect(m.key('?').action).toBe('help');
    expect(m.key('g')).toEqual({ action: null, waiting: true });
    expect(m.key('d').action).toBe('desk');
    expect(m.key('g').waiting).toBe(true);
    expect(m.key('s').action).toBe('stories');
    // "d" alone is nothing; "g" then "n" is a new story (the n starts again).
    expect(m.key('d')).toEqual({ action: null, waiting: false });
    m.key('g');
    expect(m.key('n').action).toBe('new-story');
    // Reset (the timer): the "d" after it is alone.
    m.key('g');
    m.reset();
    expect(m.key('d').action).toBeNull();
  });

  it('never takes keys typed into fields', () => {
    const field = { closest: (sel: string) => (sel.includes('input') ? {} : null), isContentEditable: false };
    const button = { closest: () => null, isContentEditable: false };
    const prose = { closest: () => null, isContentEditable: true };
    expect(isTyping(field as unknown as EventTarget)).toBe(true);
    expect(isTyping(prose as unknown as EventTarget)).toBe(true);
    expect(isTyping(button as unknown as EventTarget)).toBe(false);
    expect(isTyping(null)).toBe(false);
  });
});
