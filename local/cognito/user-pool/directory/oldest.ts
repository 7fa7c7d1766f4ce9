/** The record created first: Cognito names need not be unique, and seeding reuses the oldest. */
export function oldest<T extends { readonly createdAtMs: number }>(
  records: readonly T[],
): T | undefined {
  return [...records].sort((a, b) => a.createdAtMs - b.createdAtMs)[0]
}
