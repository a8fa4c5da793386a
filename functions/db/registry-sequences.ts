/**
 * Table `registry_sequences`: the last incoming number given per municipality and
 * year. Incremented in the same batch that inserts the submission, so numbers have
 * no gaps (see migrations/0001_schema.sql).
 */
import { query } from "./batch";
import type { Condition } from "./condition";

/** Takes the next number of the municipality's year, unless `unless` holds (a repeated post). */
export function takeNextNumber(db: D1Database, municipality: string, year: number, unless: Condition) {
  return query(
    db
      .prepare(
        `INSERT INTO registry_sequences (municipality, year, last_seq) SELECT ?, ?, 1 WHERE NOT ${unless.sql}
         ON CONFLICT (municipality, year) DO UPDATE SET last_seq = last_seq + 1`,
      )
      .bind(municipality, year, ...unless.params),
  );
}

/** The number just taken, as a scalar subquery. */
export function currentNumber(municipality: string, year: number): Condition {
  return {
    sql: "(SELECT last_seq FROM registry_sequences WHERE municipality = ? AND year = ?)",
    params: [municipality, year],
  };
}

/** The years the municipality has given incoming numbers in, latest first (one row a year: no scan of the registry). */
export function numberedYears(db: D1Database, municipality: string) {
  return query<{ year: number }>(
    db.prepare("SELECT year FROM registry_sequences WHERE municipality = ? ORDER BY year DESC").bind(municipality),
  );
}
