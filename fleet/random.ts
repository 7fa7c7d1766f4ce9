/**
 * A seeded random source, so a simulated run repeats exactly: mulberry32
 * (Tommy Ettinger's 32-bit generator), small, fast and good enough for
 * failure injection and jitter; not for anything secret.
 */
export interface Random {
  /** A number in [0, 1). */
  readonly next: () => number
  /** True with probability `rate` (0 never, 1 always). */
  readonly chance: (rate: number) => boolean
  /** `ms` spread by ±`fraction` of itself, never below 0. */
  readonly jitter: (ms: number, fraction: number) => number
  /** An independent stream for one device, so adding a device does not change the others' draws. */
  readonly fork: (label: string) => Random
}

function hashLabel(seed: number, label: string): number {
  let hash = seed ^ 0x9e3779b9
  for (let index = 0; index < label.length; index++) {
    hash = Math.imul(hash ^ label.charCodeAt(index), 0x85ebca6b)
    hash ^= hash >>> 13
  }
  return hash >>> 0
}

export function createRandom(seed: number): Random {
  let state = seed >>> 0
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
  return {
    next,
    chance: (rate) => rate > 0 && next() < rate,
    jitter: (ms, fraction) => Math.max(0, ms * (1 + fraction * (2 * next() - 1))),
    fork: (label) => createRandom(hashLabel(seed, label)),
  }
}
