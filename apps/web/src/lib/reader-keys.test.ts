import { describe, expect, it } from 'vitest';
import { elapsedMs, readerKeyAction } from './reader-keys';

const key = (key: string, code: string, modifiers: Partial<{ shiftKey: boolean; altKey: boolean }> = {}) => ({
  key,
  code,
  shiftKey: false,
  altKey: false,
  ctrlKey: false,
  metaKey: false,
  ...modifiers,
});

describe('readerKeyAction', () => {
  it('maps digits to the first choice and Shift + digit to the second', () => {
    expect(readerKeyAction(key('2', 'Digit2'), 3)).toEqual({ kind: 'first', index: 1 });
    expect(readerKeyAction(key('"', 'Digit2', { shiftKey: true }), 3)).toEqual({ kind: 'second', index: 1 });
    expect(readerKeyAction(key('3', 'Numpad3'), 3)).toEqual({ kind: 'first', index: 2 });
  });

  it('ignores digits past the last category and keys with Alt', () => {
    expect(readerKeyAction(key('4', 'Digit4'), 3)).toBeNull();
    expect(readerKeyAction(key('1', 'Digit1', { altKey: true }), 3)).toBeNull();
    expect(readerKeyAction(key('0', 'Digit0'), 3)).toBeNull();
  });

  it('submits with Enter and goes back with Backspace', () => {
    expect(readerKeyAction(key('Enter', 'Enter'), 3)).toEqual({ kind: 'submit' });
    expect(readerKeyAction(key('Backspace', 'Backspace'), 3)).toEqual({ kind: 'previous' });
    expect(readerKeyAction(key('x', 'KeyX'), 3)).toBeNull();
  });
});

describe('elapsedMs', () => {
  it('rounds and never goes below zero', () => {
    expect(elapsedMs(100.2, 1600.4)).toBe(1500);
    expect(elapsedMs(500, 400)).toBe(0);
  });
});
