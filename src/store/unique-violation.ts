// Concurrent writers of the same new key (an order id, a member number) race on a unique constraint;
// the loser's transaction fails with this error and can simply be retried, then finding the winner's row.

/** True when a driver error is a unique (or primary key) constraint violation, on either dialect. */
export function isUniqueViolation(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const code = (err as { code?: unknown }).code;
  return code === '23505' /* PostgreSQL unique_violation */ || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
