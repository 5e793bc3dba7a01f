import { describe, expect, it } from 'vitest';
import { isPublicPage, safeReturnPath, signInPath } from './session';

describe('safeReturnPath', () => {
  it('keeps a path of this site with its query and fragment', () => {
    expect(safeReturnPath('/studies/U3R1ZHk6MQ?x=1#top')).toBe('/studies/U3R1ZHk6MQ?x=1#top');
    expect(safeReturnPath('/')).toBe('/');
  });

  it('never leads to another origin or back to the sign-in page', () => {
    for (const value of [
      '//evil.example/x',
      '/\\evil.example',
      'https://evil.example/',
      'javascript:alert(1)',
      'studies/1',
      '',
      null,
      undefined,
      '/sign-in?next=%2F',
    ]) {
      expect(safeReturnPath(value), String(value)).toBe('/');
    }
  });
});

describe('signInPath', () => {
  it('carries the page to return to, encoded', () => {
    expect(signInPath('/studies/a?b=c')).toBe('/sign-in?next=%2Fstudies%2Fa%3Fb%3Dc');
    expect(signInPath('//evil.example')).toBe('/sign-in?next=%2F');
  });
});

describe('isPublicPage', () => {
  it('lets only the sign-in page through signed out', () => {
    expect(isPublicPage('/sign-in')).toBe(true);
    expect(isPublicPage('/')).toBe(false);
    expect(isPublicPage('/sign-in/x')).toBe(false);
  });
});
