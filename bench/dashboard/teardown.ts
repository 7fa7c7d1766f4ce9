/**
 * What a benchmark started, stopped in reverse order whatever happens: each
 * step is bounded by a timeout and its failure is reported, not thrown, so
 * one stuck browser never keeps the servers or the temporary data alive.
 * Running it twice (a failure, then the hard timeout) runs every step once.
 */
export interface Teardown {
  readonly add: (name: string, step: () => Promise<unknown>) => void
  readonly run: () => Promise<void>
}

const STEP_TIMEOUT_MS = 15_000

export function createTeardown(): Teardown {
  const steps: { name: string; step: () => Promise<unknown> }[] = []
  let running: Promise<void> | undefined
  return {
    add: (name, step) => {
      steps.push({ name, step })
    },
    run: () => {
      running ??= (async () => {
        for (const { name, step } of steps.reverse()) {
          let timer: ReturnType<typeof setTimeout> | undefined
          const timedOut = new Promise<never>((_, reject) => {
            timer = setTimeout(
              () => reject(new Error(`did not finish in ${STEP_TIMEOUT_MS / 1000} s`)),
              STEP_TIMEOUT_MS,
            )
          })
          try {
            await Promise.race([step(), timedOut])
          } catch (error) {
            console.error(
              `Stopping ${name} failed:`,
              error instanceof Error ? error.message : error,
            )
          } finally {
            clearTimeout(timer)
          }
        }
      })()
      return running
    },
  }
}
