import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { buildSchema } from './index';

const docs = ['docs/data-scientists.md', 'README.md'].map((file) => ({
  file,
  text: readFileSync(resolve(import.meta.dirname, '../../../..', file), 'utf8'),
}));

/** The ```graphql blocks of the docs: each a document of operations a reader may copy. */
const blocks = docs.flatMap(({ file, text }) =>
  [...text.matchAll(/```graphql\n([\s\S]*?)```/g)].map((match, index) => ({
    name: `${file} block ${index + 1}`,
    source: match[1]!,
  })),
);

describe('the GraphQL in the docs', () => {
  it('has blocks to check', () => {
    expect(blocks.length).toBeGreaterThan(3);
  });

  it.each(blocks)('$name is valid against the schema', ({ source }) => {
    const errors = validate(buildSchema(), parse(source)).map((error) => error.message);
    expect(errors).toEqual([]);
  });
});
