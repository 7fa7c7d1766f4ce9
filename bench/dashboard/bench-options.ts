import { parseArgs } from 'node:util'

/**
 * `npm run bench:dashboard -- [--things N] [--seconds S] [--rate R]
 * [--loads L] [--timeout-seconds T]`. The defaults are the figures;
 * smaller ones make a quick run while working on the page.
 */
export interface BenchOptions {
  /** Devices, and so executions, of the seeded job. */
  readonly things: number
  /** How long terminal updates arrive. */
  readonly seconds: number
  /** Terminal updates (job events) a second. */
  readonly rate: number
  /** Fresh page loads for the time to first chart (the median is reported). */
  readonly loads: number
  /** The whole run is stopped after this long. */
  readonly timeoutSeconds: number
}

export const USAGE =
  'Usage: npm run bench:dashboard -- [--things 100000] [--seconds 30] [--rate 1000] [--loads 3] [--timeout-seconds 240]'

function positiveInteger(name: string, raw: string): number {
  const value = Number(raw)
  if (!/^[0-9]+$/.test(raw) || !Number.isSafeInteger(value) || value <= 0)
    throw new Error(`--${name} must be a positive whole number; got "${raw}".\n${USAGE}`)
  return value
}

export function parseBenchOptions(argv: readonly string[]): BenchOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      things: { type: 'string', default: '100000' },
      seconds: { type: 'string', default: '30' },
      rate: { type: 'string', default: '1000' },
      loads: { type: 'string', default: '3' },
      'timeout-seconds': { type: 'string', default: '240' },
    },
    strict: true,
  })
  return {
    things: positiveInteger('things', values.things),
    seconds: positiveInteger('seconds', values.seconds),
    rate: positiveInteger('rate', values.rate),
    loads: positiveInteger('loads', values.loads),
    timeoutSeconds: positiveInteger('timeout-seconds', values['timeout-seconds']),
  }
}
