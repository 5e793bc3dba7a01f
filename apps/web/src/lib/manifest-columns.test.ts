import { describe, expect, it } from 'vitest';
import { defaultColumnNames, manifestColumnsInput } from './manifest-columns';

describe('manifestColumnsInput', () => {
  it('sends nothing when every column keeps its default name', () => {
    expect(manifestColumnsInput(defaultColumnNames)).toBeNull();
    expect(manifestColumnsInput({ ...defaultColumnNames, label: '  ' })).toBeNull();
  });

  it('sends the names typed, trimmed, and null for the others', () => {
    expect(manifestColumnsInput({ ...defaultColumnNames, file: ' path ', label: 'diagnosis' })).toEqual({
      file: 'path',
      study: null,
      label: 'diagnosis',
      annotation: null,
      crop: null,
    });
  });
});
