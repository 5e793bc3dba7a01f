import { describe, expect, it } from 'vitest';
import { commandForKey, filterCategories, type KeyPress, labelerShortcuts } from './labeler-keys';

const press = (key: string, more: Partial<KeyPress> = {}): KeyPress => ({
  key,
  shiftKey: false,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  target: 'other',
  ...more,
});

describe('labeler shortcuts', () => {
  it('picks categories by digit and confirms guesses with Enter', () => {
    expect(commandForKey(press('1'))).toEqual({ type: 'pick', index: 0 });
    expect(commandForKey(press('9'))).toEqual({ type: 'pick', index: 8 });
    expect(commandForKey(press('0'))).toBeNull();
    expect(commandForKey(press('Enter'))).toEqual({ type: 'confirm', guess: 0 });
    expect(commandForKey(press('Enter', { shiftKey: true }))).toEqual({ type: 'confirm', guess: 1 });
  });

  it('skips, undoes and opens search and help', () => {
    expect(commandForKey(press('s'))).toEqual({ type: 'skip' });
    expect(commandForKey(press('ArrowRight'))).toEqual({ type: 'skip' });
    expect(commandForKey(press('z', { ctrlKey: true }))).toEqual({ type: 'undo' });
    expect(commandForKey(press('z', { metaKey: true }))).toEqual({ type: 'undo' });
    expect(commandForKey(press('z'))).toBeNull();
    expect(commandForKey(press('z', { ctrlKey: true, shiftKey: true }))).toBeNull();
    expect(commandForKey(press('/'))).toEqual({ type: 'search' });
    expect(commandForKey(press('?', { shiftKey: true }))).toEqual({ type: 'help' });
  });

  it('opens the exclusion form with X, but leaves Ctrl+X (cut) and typed Xs alone', () => {
    expect(commandForKey(press('x'))).toEqual({ type: 'exclude' });
    expect(commandForKey(press('X', { shiftKey: true }))).toEqual({ type: 'exclude' });
    expect(commandForKey(press('x', { ctrlKey: true }))).toBeNull();
    expect(commandForKey(press('x', { metaKey: true }))).toBeNull();
    expect(commandForKey(press('x', { altKey: true }))).toBeNull();
    expect(commandForKey(press('x', { target: 'search' }))).toBeNull();
    expect(commandForKey(press('x', { target: 'text' }))).toBeNull();
  });

  it('lists every shortcut once, none sharing a key', () => {
    const keys = labelerShortcuts.map((shortcut) => shortcut.keys);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toContain('X');
  });

  it('leaves the browser’s own shortcuts alone', () => {
    expect(commandForKey(press('1', { ctrlKey: true }))).toBeNull();
    expect(commandForKey(press('s', { altKey: true }))).toBeNull();
  });

  it('does not fire while typing in the search box, except Escape', () => {
    for (const key of ['1', 's', 'S', 'ArrowRight', '/', '?', 'Enter'])
      expect(commandForKey(press(key, { target: 'search' }))).toBeNull();
    expect(commandForKey(press('z', { target: 'search', ctrlKey: true }))).toBeNull();
    expect(commandForKey(press('Escape', { target: 'search' }))).toEqual({ type: 'close' });
  });

  it('does nothing while typing in any other field', () => {
    expect(commandForKey(press('2', { target: 'text' }))).toBeNull();
    expect(commandForKey(press('Escape', { target: 'text' }))).toBeNull();
  });
});

describe('category search', () => {
  const categories = [
    { name: 'Liver' },
    { name: 'Spleen' },
    { name: 'Kidney left' },
    { name: 'Left kidney long' },
  ];

  it('puts names starting with the query first, then names containing it', () => {
    expect(filterCategories(categories, ' KID').map((c) => c.name)).toEqual([
      'Kidney left',
      'Left kidney long',
    ]);
    expect(filterCategories(categories, 'left').map((c) => c.name)).toEqual([
      'Left kidney long',
      'Kidney left',
    ]);
  });

  it('keeps every category for an empty query and none for a miss', () => {
    expect(filterCategories(categories, '')).toHaveLength(4);
    expect(filterCategories(categories, 'gallbladder')).toEqual([]);
  });
});
