import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BackboneSpec } from '../../src/backbone';
import { createEmbedder } from '../../src/embed';

export const CACHE_FOLDER = '/tmp/loupe-choose-backbone';

type CacheIndex = { backboneId: string; dimensions: number; files: string[] };

async function readCache(key: string, files: string[]): Promise<Float32Array[] | null> {
  try {
    const index = JSON.parse(await readFile(path.join(CACHE_FOLDER, `${key}.json`), 'utf8')) as CacheIndex;
    if (index.files.join('\n') !== files.join('\n')) return null;
    const bytes = await readFile(path.join(CACHE_FOLDER, `${key}.f32`));
    const all = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
    return files.map((_, row) => all.slice(row * index.dimensions, (row + 1) * index.dimensions));
  } catch {
    return null;
  }
}

async function writeCache(key: string, index: CacheIndex, vectors: Float32Array[]): Promise<void> {
  await mkdir(CACHE_FOLDER, { recursive: true });
  const all = new Float32Array(vectors.length * index.dimensions);
  for (const [row, vector] of vectors.entries()) all.set(vector, row * index.dimensions);
  await writeFile(path.join(CACHE_FOLDER, `${key}.f32`), all);
  await writeFile(path.join(CACHE_FOLDER, `${key}.json`), JSON.stringify(index));
}

/** Embeds every file with the backbone, reading and writing a disk cache keyed by the backbone id. */
export async function embedFiles(
  backbone: BackboneSpec,
  files: string[],
  workers?: number,
): Promise<{ id: string; vectors: Float32Array[] }> {
  const embedder = await createEmbedder({ backbone, workers });
  const id = embedder.backbone.id;
  const cached = await readCache(id, files);
  if (cached) {
    await embedder.close();
    return { id, vectors: cached };
  }
  const vectors: Float32Array[] = [];
  const started = performance.now();
  for (let start = 0; start < files.length; start += 128) {
    const chunk = files.slice(start, start + 128);
    const items = await Promise.all(
      chunk.map(async (file) => ({ bytes: new Uint8Array(await readFile(file)) })),
    );
    for (const [offset, result] of (await embedder.embed(items)).entries()) {
      if (!result.ok) throw new Error(`${chunk[offset]}: ${result.error.code} ${result.error.message}`);
      vectors.push(result.vector);
    }
    const rate = vectors.length / ((performance.now() - started) / 1000);
    process.stdout.write(`\r  ${id}: ${vectors.length}/${files.length} (${rate.toFixed(1)} images/s)`);
  }
  process.stdout.write('\n');
  await embedder.close();
  await writeCache(id, { backboneId: id, dimensions: embedder.backbone.dimensions, files }, vectors);
  return { id, vectors };
}
