import { describe, expect, it } from 'vitest';
import { isDemotion, mayUseApiTokens, ROLES, roleAllows, roleName, tokenRoleOptions } from './user-roles';

describe('roleAllows', () => {
  it('follows the API: ADMIN covers DATA_SCIENTIST, which covers ANNOTATOR; READER needs nothing', () => {
    expect(ROLES.filter((role) => roleAllows('ADMIN', role))).toEqual(ROLES);
    expect(ROLES.filter((role) => roleAllows('DATA_SCIENTIST', role))).toEqual([
      'DATA_SCIENTIST',
      'ANNOTATOR',
      'READER',
    ]);
    expect(ROLES.filter((role) => roleAllows('ANNOTATOR', role))).toEqual(['ANNOTATOR', 'READER']);
    expect(ROLES.filter((role) => roleAllows('READER', role))).toEqual(['READER']);
  });
});

describe('tokenRoleOptions', () => {
  it('offers what both the session and the user allow, most rights first', () => {
    expect(tokenRoleOptions('ADMIN', 'ADMIN')).toEqual(['ADMIN', 'DATA_SCIENTIST', 'ANNOTATOR', 'READER']);
    expect(tokenRoleOptions('DATA_SCIENTIST', 'DATA_SCIENTIST')).toEqual([
      'DATA_SCIENTIST',
      'ANNOTATOR',
      'READER',
    ]);
    expect(tokenRoleOptions('ANNOTATOR', 'ANNOTATOR')).toEqual(['ANNOTATOR', 'READER']);
  });

  it('keeps to the session’s role when the user was promoted after signing in', () => {
    expect(tokenRoleOptions('ANNOTATOR', 'DATA_SCIENTIST')).toEqual(['ANNOTATOR', 'READER']);
  });
});

describe('mayUseApiTokens', () => {
  it('lets every role but READER list and create tokens', () => {
    expect(ROLES.filter(mayUseApiTokens)).toEqual(['ADMIN', 'DATA_SCIENTIST', 'ANNOTATOR']);
  });
});

describe('isDemotion', () => {
  it('is a change to a role that lacks something the old one had', () => {
    expect(isDemotion('ADMIN', 'DATA_SCIENTIST')).toBe(true);
    expect(isDemotion('DATA_SCIENTIST', 'READER')).toBe(true);
    expect(isDemotion('READER', 'ANNOTATOR')).toBe(false);
    expect(isDemotion('ANNOTATOR', 'DATA_SCIENTIST')).toBe(false);
    expect(isDemotion('ANNOTATOR', 'ANNOTATOR')).toBe(false);
  });
});

describe('roleName', () => {
  it('writes roles for people', () => {
    expect(ROLES.map(roleName)).toEqual(['Admin', 'Data scientist', 'Annotator', 'Reader']);
  });
});
