import { describe, expect, it } from 'vitest';
import { fieldLabel, fieldLabels, kindLabel, whoLabel } from './history-labels.js';

describe('history in words', () => {
  it('names fields as the app does, in the form order, each once', () => {
    expect(fieldLabels(['tags', 'leadMediaId', 'headline', 'authorIds', 'dek'])).toEqual([
      'Headline',
      'Dek',
      'Bylines',
      'Tags',
      'Lead photo',
    ]);
    expect(fieldLabel('sectionId')).toBe('Section');
    expect(fieldLabel('someNewField')).toBe('Some new field');
  });

  it('names kinds, with their detail', () => {
    expect(kindLabel('restore', { fromVersion: 3 })).toBe('Restored from version 3');
    expect(kindLabel('update')).toBe('Update applied');
    expect(kindLabel('notice', { noticeKind: 'correction' })).toBe('Correction added');
    expect(kindLabel('notice', { noticeKind: 'clarification' })).toBe('Clarification added');
    expect(kindLabel('notice')).toBe('Notice added');
    expect(kindLabel('return')).toBe('Returned to draft');
    expect(kindLabel('publish', { scheduled: true })).toBe('Published as scheduled');
  });

  it('names people', () => {
    expect(whoLabel('user:3', 'Ana Lopes')).toBe('Ana Lopes');
    expect(whoLabel('scheduler', null)).toBe('Scheduler');
    expect(whoLabel(null, null)).toBe('Unknown');
  });
});
