import { request } from 'node:http';
import { categories, images, labels, studies } from '@loupe/db';
import { testDatabaseTargets } from '@loupe/db/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, dumpTables } from '../../test/database-snapshot';
import { csv, makePng } from '../../test/image-fixtures';
import { createTestApp, type TestApp } from '../../test/test-app';
import { createApiToken, ensureAdminUser } from '../auth/api-tokens';
import { MAX_UPLOAD_FILES, uploadPath } from '../operations/import-uploads';
import { type RunningServer, startServer } from '../server';
import { BODY_LIMITS } from './body-limits';

const IMPORT = /* GraphQL */ `
  mutation Import(
    $datasetId: ID
    $datasetName: String
    $files: [Upload!]!
    $paths: [String!]
    $manifest: Upload
    $columns: ManifestColumnsInput
  ) {
    importFiles(
      datasetId: $datasetId
      datasetName: $datasetName
      files: $files
      paths: $paths
      manifest: $manifest
      columns: $columns
    ) {
      dataset { id name imageCount studyCount }
      files
      imported
      alreadyPresent
      failed
      failures { file line code message }
      skipped { file reason }
      manifestRowsWithoutFile
      manifestRowsMatched
    }
  }
`;

type Upload = { name: string; bytes: Uint8Array | string };

type UploadRequest = {
  files: Upload[];
  variables?: Record<string, unknown>;
  manifest?: Upload;
  token?: string | undefined;
  headers?: Record<string, string>;
};

/** A GraphQL multipart request (https://github.com/jaydenseric/graphql-multipart-request-spec). */
function multipart({ files, variables = {}, manifest }: UploadRequest): FormData {
  const form = new FormData();
  const map: Record<string, string[]> = {};
  files.forEach((_, index) => {
    map[String(index)] = [`variables.files.${index}`];
  });
  if (manifest) map.manifest = ['variables.manifest'];
  form.append(
    'operations',
    JSON.stringify({
      query: IMPORT,
      variables: { ...variables, files: files.map(() => null), ...(manifest ? { manifest: null } : {}) },
    }),
  );
  form.append('map', JSON.stringify(map));
  files.forEach((file, index) => {
    form.append(String(index), new Blob([file.bytes]), file.name);
  });
  if (manifest) form.append('manifest', new Blob([manifest.bytes]), manifest.name);
  return form;
}

describe('uploadPath', () => {
  it('keeps folders, accepts either separator and refuses names that leave the folder', () => {
    expect(uploadPath('study-1/a.png')).toBe('study-1/a.png');
    expect(uploadPath('study-1\\sub\\a.png')).toBe('study-1/sub/a.png');
    expect(uploadPath('/./study-1//a.png')).toBe('study-1/a.png');
    expect(uploadPath('../a.png')).toBeUndefined();
    expect(uploadPath('s/../../a.png')).toBeUndefined();
    expect(uploadPath('')).toBeUndefined();
    expect(uploadPath('./')).toBeUndefined();
    expect(uploadPath('a\nb.png')).toBeUndefined();
    expect(uploadPath(`${'x'.repeat(256)}.png`)).toBeUndefined();
  });
});

describe.each(testDatabaseTargets())('importFiles: uploads over GraphQL on $name', (target) => {
  let app: TestApp;
  let server: RunningServer;
  let admin: string;
  let annotator: string;
  let reader: string;

  const send = async (upload: UploadRequest) => {
    const token = 'token' in upload ? upload.token : annotator;
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: {
        'apollo-require-preflight': 'true',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...upload.headers,
      },
      body: multipart(upload),
    });
    return { status: response.status, body: (await response.json()) as any };
  };

  beforeAll(async () => {
    app = await createTestApp(target, { maxUploadBytes: 4096 });
    const adminId = await ensureAdminUser(app.database.db);
    admin = (await createApiToken(app.database.db, { userId: adminId, name: 'admin' })).token;
    annotator = (await createApiToken(app.database.db, { userId: adminId, name: 'a', role: 'ANNOTATOR' }))
      .token;
    reader = (await createApiToken(app.database.db, { userId: adminId, name: 'r', role: 'READER' })).token;
    server = await startServer(app, { port: 0, host: '127.0.0.1' });
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    await app?.close();
  });

  it('imports files by their paths, a folder per study, reports a bad file, and is a no-op the second time', async () => {
    const files = [
      { name: 'a.png', bytes: await makePng(1) },
      { name: 'b.png', bytes: await makePng(2) },
      { name: 'c.png', bytes: await makePng(3) },
      { name: 'broken.png', bytes: 'not an image at all' },
    ];
    const paths = ['study-1/a.png', 'study-1/b.png', 'study-2/c.png', 'study-2/broken.png'];
    const first = await send({ files, variables: { datasetName: 'uploaded', paths } });
    expect(first.status).toBe(200);
    expect(first.body.errors).toBeUndefined();
    const report = first.body.data.importFiles;
    expect(report).toMatchObject({
      dataset: { name: 'uploaded', imageCount: 3, studyCount: 2 },
      files: 4,
      imported: 3,
      alreadyPresent: 0,
      failed: 1,
      skipped: [],
      manifestRowsWithoutFile: 0,
      manifestRowsMatched: 0,
    });
    expect(report.failures).toEqual([
      expect.objectContaining({ file: 'study-2/broken.png', code: 'NOT_AN_IMAGE' }),
    ]);
    const rows = await app.database.db
      .select({ file: images.sourceFileName, study: studies.key })
      .from(images)
      .innerJoin(studies, eq(studies.id, images.studyId))
      .orderBy(images.sourceFileName);
    expect(rows).toEqual([
      { file: 'a.png', study: 'study-1' },
      { file: 'b.png', study: 'study-1' },
      { file: 'c.png', study: 'study-2' },
    ]);

    const before = await countRows(app.database);
    const again = await send({ files, variables: { datasetId: report.dataset.id, paths } });
    expect(again.body.data.importFiles).toMatchObject({ imported: 0, alreadyPresent: 3, failed: 1 });
    // Only the batch record of the second import is new.
    expect(await countRows(app.database)).toEqual({ ...before, import_batches: before.import_batches! + 1 });
  });

  it("lists a dataset's imports newest first, with who imported and what came of each, page by page", async () => {
    const query = async (text: string, variables: object) => {
      const response = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
        body: JSON.stringify({ query: text, variables }),
      });
      return (await response.json()) as { data: any; errors?: unknown[] };
    };
    const files = [{ name: 'h1.png', bytes: await makePng(41) }];
    const first = await send({ files, variables: { datasetName: 'history', paths: ['s/h1.png'] } });
    const datasetId = first.body.data.importFiles.dataset.id;
    const broken = [{ name: 'x.png', bytes: 'broken' }];
    await send({ files: [...files, ...broken], variables: { datasetId, paths: ['s/h1.png', 's/x.png'] } });
    const IMPORTS = /* GraphQL */ `
      query($id: ID!, $after: String) {
        dataset(id: $id) {
          imports(first: 1, after: $after) {
            totalCount
            pageInfo { hasNextPage endCursor }
            edges { node { id source importedBy { name } imported alreadyPresent failed
              failures { file code } finishedAt } }
          }
        }
      }
    `;
    const page1 = (await query(IMPORTS, { id: datasetId })).data.dataset.imports;
    expect(page1.totalCount).toBe(2);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    expect(page1.edges[0].node).toMatchObject({
      source: 'upload of 2 file(s)',
      importedBy: { name: expect.any(String) },
      imported: 0,
      alreadyPresent: 1,
      failed: 1,
      failures: [{ file: 's/x.png', code: 'NOT_AN_IMAGE' }],
      finishedAt: expect.stringMatching(/^\d{4}-/),
    });
    const page2 = (await query(IMPORTS, { id: datasetId, after: page1.pageInfo.endCursor })).data.dataset
      .imports;
    expect(page2.pageInfo.hasNextPage).toBe(false);
    expect(page2.edges.map((edge: { node: object }) => edge.node)).toEqual([
      expect.objectContaining({ source: 'upload of 1 file(s)', imported: 1, failed: 0, failures: [] }),
    ]);
    const notADate = Buffer.from(JSON.stringify(['yesterday', 'x'])).toString('base64url');
    const badCursor = await query(IMPORTS, { id: datasetId, after: notADate });
    expect(badCursor.errors).toEqual([
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_INPUT' }) }),
    ]);
    const node = await query('query($id: ID!) { node(id: $id) { ... on ImportBatch { imported } } }', {
      id: page2.edges[0].node.id,
    });
    expect(node.data.node).toEqual({ imported: 1 });
  });

  it('takes labels, studies and crops from a manifest naming the files by path', async () => {
    const manifest = csv(
      ['file', 'group', 'label', 'crop'],
      [
        ['scans/m1.png', 'p1', 'benign', '1,1,10,8'],
        ['scans/m2.png', 'p1', 'malignant', ''],
        ['scans/elsewhere.png', 'p2', 'benign', ''],
      ],
    );
    const { status, body } = await send({
      files: [
        { name: 'm1.png', bytes: await makePng(11) },
        { name: 'm2.png', bytes: await makePng(12) },
        { name: 'extra.png', bytes: await makePng(13) },
      ],
      variables: {
        datasetName: 'with-manifest',
        paths: ['scans/m1.png', 'scans/m2.png', 'scans/extra.png'],
        columns: { study: 'group' },
      },
      manifest: { name: 'manifest.csv', bytes: manifest },
    });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data.importFiles).toMatchObject({
      dataset: { imageCount: 2, studyCount: 1 },
      files: 2,
      imported: 2,
      failed: 0,
      failures: [],
      skipped: [{ file: 'scans/extra.png', reason: 'not named in the manifest' }],
      manifestRowsWithoutFile: 1,
      manifestRowsMatched: 2,
    });
    const stored = await app.database.db
      .select({ file: images.sourceFileName, category: categories.name, source: labels.source })
      .from(labels)
      .innerJoin(images, eq(images.id, labels.imageId))
      .innerJoin(categories, eq(categories.id, labels.categoryId))
      .orderBy(images.sourceFileName);
    expect(stored).toEqual([
      { file: 'm1.png', category: 'benign', source: 'IMPORT' },
      { file: 'm2.png', category: 'malignant', source: 'IMPORT' },
    ]);
  });

  it('reports a file over LOUPE_MAX_UPLOAD_BYTES, a path leaving the folder and a repeated path; the rest go in', async () => {
    const big = await makePng(21, { width: 400, height: 300 }, true);
    expect(big.length).toBeGreaterThan(4096);
    const { body } = await send({
      files: [
        { name: 'big.png', bytes: big },
        { name: 'evil.png', bytes: await makePng(22) },
        { name: 'one.png', bytes: await makePng(23) },
        { name: 'one.png', bytes: await makePng(24) },
      ],
      variables: { datasetName: 'limits', paths: ['s/big.png', '../../evil.png', 's/one.png', 's/one.png'] },
    });
    expect(body.errors).toBeUndefined();
    const report = body.data.importFiles;
    expect(report).toMatchObject({ files: 4, imported: 1, failed: 3 });
    expect(
      report.failures.map((failure: { file: string; code: string }) => [failure.file, failure.code]),
    ).toEqual([
      ['../../evil.png', 'BAD_FILE_NAME'],
      ['s/big.png', 'TOO_LARGE'],
      ['s/one.png', 'DUPLICATE_FILE'],
    ]);
    expect(report.failures[1].message).toMatch(/4096 bytes/);
  });

  it('refuses, changing nothing: no caller, a READER, no preflight header, bad arguments, a bad manifest', async () => {
    const before = await dumpTables(app.database);
    const files = [{ name: 'x.png', bytes: await makePng(31) }];
    const anonymous = await send({ files, token: undefined, variables: { datasetName: 'n' } });
    expect(anonymous).toMatchObject({ status: 401, body: { error: 'UNAUTHENTICATED' } });
    const asReader = await send({ files, token: reader, variables: { datasetName: 'n' } });
    expect(asReader).toMatchObject({ status: 403, body: { error: 'FORBIDDEN' } });
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}` },
      body: multipart({ files, variables: { datasetName: 'n' } }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      message: expect.stringMatching(/Apollo-Require-Preflight/),
    });

    const codeOf = (result: { body: { errors?: { extensions: { code: string } }[] } }) =>
      result.body.errors?.[0]?.extensions.code;
    const unknown = await send({
      files,
      variables: {
        datasetId: Buffer.from('Dataset:00000000-0000-0000-0000-000000000000').toString('base64url'),
      },
    });
    expect(codeOf(unknown)).toBe('NOT_FOUND');
    expect(codeOf(await send({ files, variables: {} }))).toBe('BAD_INPUT');
    const both = await send({ files, variables: { datasetName: 'n', datasetId: 'x' } });
    expect(codeOf(both)).toBe('BAD_INPUT');
    const mismatched = await send({ files, variables: { datasetName: 'n', paths: ['a.png', 'b.png'] } });
    expect(codeOf(mismatched)).toBe('BAD_INPUT');
    expect(mismatched.body.errors[0].message).toMatch(/2 entries for 1 files/);
    const badManifest = await send({
      files,
      variables: { datasetName: 'n' },
      manifest: { name: 'm.csv', bytes: 'name,label\nx.png,a\n' },
    });
    expect(codeOf(badManifest)).toBe('BAD_INPUT');
    expect(badManifest.body.errors[0].message).toMatch(/m\.csv/);
    expect(await dumpTables(app.database)).toBe(before);
  });

  it('refuses too many files, and a declared body over the request limit before reading it', async () => {
    const before = await dumpTables(app.database);
    const tiny = { name: 't.png', bytes: 'x' };
    const many = await send({
      files: Array(MAX_UPLOAD_FILES + 2).fill(tiny),
      variables: { datasetName: 'n' },
    });
    expect(many.status).toBe(413);
    expect(many.body).toMatchObject({ error: 'PAYLOAD_TOO_LARGE' });

    const status = await new Promise<number>((resolve, reject) => {
      const url = new URL(`${server.url}/graphql`);
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          path: '/graphql',
          method: 'POST',
          headers: {
            'content-type': 'multipart/form-data; boundary=x',
            'content-length': String(BODY_LIMITS.upload + 1),
            'apollo-require-preflight': 'true',
            authorization: `Bearer ${admin}`,
          },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
          req.destroy();
        },
      );
      req.on('error', reject);
      req.write('--x\r\n');
    });
    expect(status).toBe(413);
    expect(await dumpTables(app.database)).toBe(before);
  });
});
