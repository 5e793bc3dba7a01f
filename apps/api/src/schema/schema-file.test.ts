import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { printedSchema, schemaFilePath } from './print';

describe('committed schema', () => {
  it('matches the schema the code builds (run `npm run schema:print -w @loupe/api` after an API change)', () => {
    expect(readFileSync(schemaFilePath, 'utf8')).toBe(printedSchema());
  });
});
