import type { z } from 'zod'

/** One problem with an input. `path` addresses the field (`criteriaList[0].failureType`); '' is the input itself. */
export interface ValidationIssue {
  readonly path: string
  readonly message: string
}

export type Validated<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly issues: readonly ValidationIssue[] }

/** Thrown by `unwrap` when a caller chose to treat invalid input as an error rather than a value. */
export class ValidationError extends Error {
  override readonly name = 'ValidationError'

  constructor(readonly issues: readonly ValidationIssue[]) {
    super(issues.map(formatIssue).join('\n'))
  }
}

export function formatIssue(issue: ValidationIssue): string {
  return issue.path === '' ? issue.message : `${issue.path}: ${issue.message}`
}

export function unwrap<T>(result: Validated<T>): T {
  if (!result.ok) throw new ValidationError(result.issues)
  return result.value
}

export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, key) => {
    if (typeof key === 'number') return `${text}[${key}]`
    const name = String(key)
    return text === '' ? name : `${text}.${name}`
  }, '')
}

/** Runs a zod schema and turns its issues into ours; messages come from the schema. */
export function validateWith<S extends z.ZodType>(
  schema: S,
  input: unknown,
): Validated<z.output<S>> {
  const result = schema.safeParse(input)
  if (result.success) return { ok: true, value: result.data }
  return {
    ok: false,
    issues: result.error.issues.map((issue) => ({
      path: formatPath(issue.path),
      message: issue.message,
    })),
  }
}
