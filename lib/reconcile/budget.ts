// A run's allowance of queries and fetched rows, both sides together. The bisection asks before
// each step and stops when the next step would not fit, so a run against a badly diverged store
// stays bounded and says so, instead of degenerating into a full key-by-key scan.
export interface BudgetLimits {
  queries: number;
  rows: number;
}

export class Budget {
  queries = 0;
  rows = 0;

  constructor(readonly limits: BudgetLimits) {}

  /** Whether `queries` more queries fetching up to `rows` more rows still fit. */
  allows(queries: number, rows: number): boolean {
    return this.queries + queries <= this.limits.queries && this.rows + rows <= this.limits.rows;
  }

  spend(queries: number, rows: number): void {
    this.queries += queries;
    this.rows += rows;
  }
}
