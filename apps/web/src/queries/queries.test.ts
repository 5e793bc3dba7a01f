import { readFileSync } from 'node:fs';
import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { datasetsQuery } from './datasets-query';
import { meQuery, signInMutation, signOutMutation } from './session-queries';
import { studyImagesQuery, studyQuery } from './study-query';

// The API's committed schema: a query the API cannot answer fails here, not in the browser.
const schema = buildSchema(readFileSync(new URL('../../../api/schema.graphql', import.meta.url), 'utf8'));

describe.each([
  ['Datasets', datasetsQuery.query],
  ['Study', studyQuery.query],
  ['StudyImages', studyImagesQuery.query],
  ['Me', meQuery.query],
  ['SignIn', signInMutation.query],
  ['SignOut', signOutMutation.query],
])('the %s query', (_name, query) => {
  it('is valid against the API schema', () => {
    expect(validate(schema, parse(query)).map((error) => error.message)).toEqual([]);
  });
});
