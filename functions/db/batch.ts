/**
 * D1 statements that carry the type of their rows, and batches whose results are
 * read by name instead of by position. A batch is one transaction: all or nothing.
 */

/** A prepared statement and the shape of the rows it returns (`never` when none). */
export interface Query<Row> {
  readonly statement: D1PreparedStatement;
  /** Only for the type checker: the row type travels with the statement. */
  readonly row?: Row;
}

export const query = <Row = never>(statement: D1PreparedStatement): Query<Row> => ({ statement });

type Named = Record<string, Query<unknown> | readonly Query<unknown>[]>;
type Rows<T extends Named> = {
  [K in keyof T]: T[K] extends readonly Query<infer R>[] ? R[][] : T[K] extends Query<infer R> ? R[] : never;
};

/** Runs every statement in one batch; each name gets its statement's rows (a list per list of statements). */
export async function batch<T extends Named>(db: D1Database, named: T): Promise<Rows<T>> {
  const entries = Object.entries(named).map(([name, q]) => [name, Array.isArray(q) ? q : [q]] as const);
  const statements = entries.flatMap(([, qs]) => qs.map((q: Query<unknown>) => q.statement));
  // D1 refuses an empty batch; nothing to run is nothing to wait for (e.g. signing out without a session).
  const results = statements.length > 0 ? await db.batch(statements) : [];
  const out: Record<string, unknown> = {};
  let at = 0;
  for (const [name, qs] of entries) {
    const rows = results.slice(at, at + qs.length).map((r) => r.results);
    at += qs.length;
    out[name] = Array.isArray(named[name]) ? rows : (rows[0] ?? []);
  }
  return out as Rows<T>;
}
