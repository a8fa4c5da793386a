/** A piece of SQL with its parameters, so one table's module can hand a condition to another's. */
export interface Condition {
  sql: string;
  params: readonly unknown[];
}
