import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DatabaseHandle } from '@loupe/db';

/** Every table of the public schema, by name. */
export async function publicTables(database: DatabaseHandle): Promise<string[]> {
  const { rows } = await database.executeSql(
    `select table_name as name from information_schema.tables
     where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
  );
  return rows.map((row) => String(row.name));
}

/** The number of rows in every table of the public schema. */
export async function countRows(database: DatabaseHandle): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of await publicTables(database)) {
    const { rows } = await database.executeSql(`select count(*)::int as n from "${table}"`);
    counts[table] = Number(rows[0]?.n);
  }
  return counts;
}

/** Every row of every table of the public schema as PostgreSQL's own text form, one line per row. */
export async function dumpTables(database: DatabaseHandle): Promise<string> {
  const lines: string[] = [];
  for (const table of await publicTables(database)) {
    const { rows } = await database.executeSql(`select t::text as row from "${table}" t`);
    lines.push(...rows.map((row) => `${table}: ${String(row.row)}`));
  }
  return lines.join('\n');
}

/** The bytes of every file below `folder`, by path. */
export async function readAllFiles(folder: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  for (const entry of await readdir(folder, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files.set(path, await readFile(path));
  }
  return files;
}
