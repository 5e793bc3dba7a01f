import type { Sql } from 'postgres';

export type RepeatedStatementOptions = {
  /** Most statements a process keeps prepared; each costs every pooled connection about 20 KB of server memory. */
  maxStatements?: number;
  /** Statements with more parameters than this (multi-row inserts, long id lists) are never prepared. */
  maxParameters?: number;
};

const DEFAULTS = { maxStatements: 256, maxParameters: 100 } as const;

/** Texts that have run only once are forgotten in bulk past this many, so that one-off statements cannot pile up. */
const MAX_SEEN_ONCE = 10_000;

type Unsafe = Sql['unsafe'];
type Scoped = (...args: unknown[]) => Promise<unknown>;

export type RepeatedStatements = {
  /** The statement texts chosen so far. */
  preparedCount: () => number;
};

/**
 * Drizzle sends every statement as an unnamed one, and postgres.js then asks the server for its parameter
 * types before it can send the values: two round trips, and a parse, for every statement. This lets
 * postgres.js keep a server-side prepared statement for a text from its second use on (one round trip, no
 * parse), for at most `maxStatements` texts per process, so the server memory it takes stays bounded
 * whatever texts one-off statements bring. Transactions and savepoints opened on `client` follow the same rule.
 *
 * Connections should plan every execution afresh (`plan_cache_mode=force_custom_plan`), as unnamed statements
 * are: a reused generic plan can be far worse than one made for the values at hand. A pooler in transaction
 * mode that cannot carry prepared statements is served by `?prepare=false` in the connection string, which
 * postgres.js obeys over this.
 */
export function prepareRepeatedStatements(
  client: Sql,
  options: RepeatedStatementOptions = {},
): RepeatedStatements {
  const { maxStatements, maxParameters } = { ...DEFAULTS, ...options };
  const chosen = new Set<string>();
  let seenOnce = new Set<string>();

  const shouldPrepare = (text: string, parameterCount: number): boolean => {
    if (chosen.has(text)) return true;
    if (parameterCount === 0 || parameterCount > maxParameters || chosen.size >= maxStatements) return false;
    if (!seenOnce.has(text)) {
      if (seenOnce.size >= MAX_SEEN_ONCE) seenOnce = new Set();
      seenOnce.add(text);
      return false;
    }
    seenOnce.delete(text);
    chosen.add(text);
    return true;
  };

  const wrap = <T extends Sql>(sql: T): T => {
    const unsafe: Unsafe = sql.unsafe.bind(sql);
    sql.unsafe = ((text: string, args?: unknown, queryOptions?: object) => {
      // `unsafe(text, options)` runs without parameters: nothing to prepare.
      if (!Array.isArray(args)) return unsafe(text, args as never);
      const prepare = shouldPrepare(text, args.length);
      return unsafe(text, args as never, prepare ? { ...queryOptions, prepare } : queryOptions);
    }) as Unsafe;
    for (const name of ['begin', 'savepoint'] as const) {
      const scoped = (sql as unknown as Record<string, Scoped | undefined>)[name];
      if (typeof scoped !== 'function') continue;
      (sql as unknown as Record<string, Scoped>)[name] = (...args: unknown[]) => {
        const body = args.at(-1) as (inner: Sql) => unknown;
        return scoped.call(sql, ...args.slice(0, -1), (inner: Sql) => body(wrap(inner)));
      };
    }
    return sql;
  };

  wrap(client);
  return { preparedCount: () => chosen.size };
}
