import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { likeSubstring, validateImageFilter } from './image-filter';

describe('likeSubstring', () => {
  it('escapes the LIKE wildcards and the escape character', () => {
    expect(likeSubstring('liver')).toBe('%liver%');
    expect(likeSubstring('50%_x')).toBe('%50\\%\\_x%');
    expect(likeSubstring('a\\b')).toBe('%a\\\\b%');
  });
});

describe('validateImageFilter', () => {
  const outcome = (filter: Parameters<typeof validateImageFilter>[0]) => {
    try {
      validateImageFilter(filter);
      return 'accepted';
    } catch (error) {
      return error instanceof AppError && error.code === 'BAD_INPUT' ? 'BAD_INPUT' : 'other error';
    }
  };

  it('accepts ranges inside [0, 1] with min ≤ max, either end open', () => {
    expect(outcome({})).toBe('accepted');
    expect(outcome({ confidence: { min: 0, max: 1 }, margin: { min: 0.2, max: 0.2 } })).toBe('accepted');
    expect(outcome({ confidence: { max: 0.3 }, margin: { min: null, max: null } })).toBe('accepted');
  });

  it('refuses ends outside [0, 1], non-numbers and min above max', () => {
    expect(outcome({ confidence: { min: -0.01 } })).toBe('BAD_INPUT');
    expect(outcome({ margin: { max: 1.01 } })).toBe('BAD_INPUT');
    expect(outcome({ confidence: { min: Number.NaN } })).toBe('BAD_INPUT');
    expect(outcome({ margin: { min: 0.6, max: 0.5 } })).toBe('BAD_INPUT');
  });
});
