import { readFileSync } from 'node:fs';
import { generate } from '@graphql-codegen/cli';
import { describe, expect, it } from 'vitest';
import config from '../../codegen';

// Codegen validates every document in src against the API's committed schema (a query the API cannot answer
// fails here, not in the browser), and the committed types must be what it generates now.
describe('the generated operation types', () => {
  it('match the documents and the API schema', async () => {
    const [output] = await generate(
      { ...config, cwd: new URL('../..', import.meta.url).pathname, silent: true },
      false,
    );
    expect(output?.filename).toMatch(/src\/gql\/operations\.ts$/);
    const committed = readFileSync(new URL('./operations.ts', import.meta.url), 'utf8');
    expect(
      committed === output?.content,
      'src/gql/operations.ts is stale: run `npm run codegen -w @loupe/web` and commit it',
    ).toBe(true);
  }, 60_000);
});
