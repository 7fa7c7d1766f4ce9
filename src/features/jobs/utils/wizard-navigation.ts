/** A step's check: passes on what the previous step resolved, or stops the navigation there. */
export type StepCheck<T> = (
  index: number,
  carried: T,
) => Promise<{ readonly ok: true; readonly carried: T } | { readonly ok: false }>

export type StepChecksOutcome<T> =
  | { readonly passed: true; readonly carried: T }
  | { readonly passed: false; readonly failedStep: number }

/**
 * The Cloudscape wizard lets the operator jump to any step visited before,
 * so every step from the current one up to (not including) the requested
 * one is checked. Going back, or staying, checks nothing.
 */
export function stepsToCheck(current: number, requested: number): readonly number[] {
  const steps: number[] = []
  for (let index = current; index < requested; index += 1) steps.push(index)
  return steps
}

/** Runs the checks in order, each with what the previous one resolved; the first that fails stops. */
export async function runStepChecks<T>(
  steps: readonly number[],
  initial: T,
  check: StepCheck<T>,
): Promise<StepChecksOutcome<T>> {
  let carried = initial
  for (const index of steps) {
    const result = await check(index, carried)
    if (!result.ok) return { passed: false, failedStep: index }
    carried = result.carried
  }
  return { passed: true, carried }
}
