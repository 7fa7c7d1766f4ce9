/**
 * The local cloud's time. With a speed factor above 1 emulated time runs
 * faster than real time (FLEETDECK_CLOCK_SPEED=60: a minute a second), so
 * rollout rates, timeouts and schedules can be watched in tests and demos.
 * Every timestamp the API returns, and every deadline, is emulated time.
 */
export interface Clock {
  /** Emulated epoch milliseconds. */
  now(): number
  readonly speed: number
  /** Real milliseconds until an emulated delay has passed. */
  realDelayFor(emulatedMs: number): number
}

export interface ClockAnchor {
  readonly realMs: number
  readonly emulatedMs: number
}

export interface ScaledClockOptions {
  readonly speed: number
  /** Where emulated time stood at a real instant; persisted so a restart continues the same timeline. */
  readonly anchor?: ClockAnchor
  readonly realNow?: () => number
}

export function createScaledClock({
  speed,
  anchor,
  realNow = Date.now,
}: ScaledClockOptions): Clock & {
  readonly anchor: ClockAnchor
} {
  const start = anchor ?? { realMs: realNow(), emulatedMs: realNow() }
  return {
    speed,
    anchor: start,
    now: () => Math.floor(start.emulatedMs + (realNow() - start.realMs) * speed),
    realDelayFor: (emulatedMs) => Math.max(0, emulatedMs / speed),
  }
}

/** Re-anchors a stored timeline at a new speed without a jump in emulated time. */
export function reanchor(anchor: ClockAnchor, oldSpeed: number, realNowMs: number): ClockAnchor {
  return {
    realMs: realNowMs,
    emulatedMs: Math.floor(anchor.emulatedMs + (realNowMs - anchor.realMs) * oldSpeed),
  }
}

/** A clock tests move by hand. */
export function createManualClock(
  startMs = Date.UTC(2026, 0, 1),
): Clock & { advance(ms: number): void; set(ms: number): void } {
  let current = startMs
  return {
    speed: 1,
    now: () => current,
    realDelayFor: (emulatedMs) => emulatedMs,
    advance: (ms) => {
      current += ms
    },
    set: (ms) => {
      current = ms
    },
  }
}
