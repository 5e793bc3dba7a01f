import { describe, expect, it } from 'vitest';
import { labelEventWords } from './label-history';

const me = '0b9a4c2e-5f7d-4e1a-9c3b-2d8e6f1a7b90';
const globalUserId = (id: string) => Buffer.from(`User:${id}`).toString('base64url');
const myself = { id: globalUserId(me), name: 'Me' };
const ann = { id: globalUserId('1d2c3b4a-5f6e-4d7c-8b9a-0f1e2d3c4b5a'), name: 'Ann Lee' };

describe('label history words', () => {
  const event = (source: string, person: object = {}, isUndo = false) => ({
    source,
    isUndo,
    by: null,
    author: null,
    ...person,
  });

  it('says who labelled: you, a name the API shows, or another user it does not', () => {
    expect(labelEventWords(event('ANNOTATOR', { by: myself, author: me }), me)).toBe('by you');
    expect(labelEventWords(event('ANNOTATOR', { by: ann, author: 'ann' }), me)).toBe('by Ann Lee');
    expect(labelEventWords(event('ANNOTATOR', { author: 'ann' }), me)).toBe('by another user');
    expect(labelEventWords(event('READER', { by: ann, author: 'ann' }), me)).toBe('by Ann Lee as a reader');
    expect(labelEventWords(event('READER', { author: 'rita' }), me)).toBe('by another user as a reader');
  });

  it('keeps the source for labels no one made, and adds who applied a rule or merged', () => {
    expect(labelEventWords(event('IMPORT'), me)).toBe('at import');
    expect(labelEventWords(event('TECHNOLOGIST'), me)).toBe('from the technologist’s text');
    expect(labelEventWords(event('TECHNOLOGIST', { by: myself, author: me }), me)).toBe(
      'from the technologist’s text (alias rule applied by you)',
    );
    expect(labelEventWords(event('MERGE', { author: 'ann' }), me)).toBe(
      'in a category merge by another user',
    );
    expect(labelEventWords(event('MERGE'), me)).toBe('by a category merge');
    expect(labelEventWords(event('SOMETHING_NEW'), me)).toBe('something_new');
    expect(labelEventWords(event('SOMETHING_NEW', { by: ann }), me)).toBe('something_new, by Ann Lee');
  });

  it('says who undid a label', () => {
    expect(labelEventWords(event('ANNOTATOR', { by: myself, author: me }, true), me)).toBe(
      'restored by undo, by you',
    );
    expect(labelEventWords(event('ANNOTATOR', { author: 'ann' }, true), me)).toBe(
      'restored by undo, by another user',
    );
    expect(labelEventWords(event('ANNOTATOR', {}, true), me)).toBe('restored by undo');
  });
});
