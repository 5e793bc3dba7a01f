import { describe, expect, it } from 'vitest';
import { graphqlDocument } from './graphql-document';
import { multipartBody } from './multipart-graphql';

describe('multipartBody', () => {
  it('puts null where each file was, maps the parts to their variables, and names each part', async () => {
    const document = graphqlDocument<unknown, { files: File[]; manifest: File | null; name: string }>(
      'mutation M($files: [Upload!]!, $manifest: Upload, $name: String) { m }',
    );
    const image = new File(['png bytes'], 'study-1/a.png', { type: 'image/png' });
    const other = new File(['more'], 'b.png');
    const manifest = new File(['file\na.png\n'], 'manifest.csv');
    const body = multipartBody(document, { files: [image, other], manifest, name: 'x' });

    expect([...body.keys()]).toEqual(['operations', 'map', '0', '1', '2']);
    expect(JSON.parse(body.get('operations') as string)).toEqual({
      query: document.query,
      variables: { files: [null, null], manifest: null, name: 'x' },
    });
    expect(JSON.parse(body.get('map') as string)).toEqual({
      0: ['variables.files.0'],
      1: ['variables.files.1'],
      2: ['variables.manifest'],
    });
    const first = body.get('0') as File;
    expect(first.name).toBe('study-1/a.png');
    expect(await first.text()).toBe('png bytes');
    expect((body.get('2') as File).name).toBe('manifest.csv');
  });

  it('sends no file parts when there are none', () => {
    const document = graphqlDocument<unknown, { manifest: File | null }>(
      'mutation M($manifest: Upload) { m }',
    );
    const body = multipartBody(document, { manifest: null });
    expect(JSON.parse(body.get('map') as string)).toEqual({});
    expect([...body.keys()]).toEqual(['operations', 'map']);
  });
});
