export interface PipelinedMapOptions<T, P, R> {
  /** `send`s running at once; at least 1. */
  readonly limit: number
  /** The caller's cancel: stops preparing and aborts the sends in flight. */
  readonly signal?: AbortSignal | undefined
  /** Runs one item at a time, in the items' order. */
  readonly prepare: (item: T, signal: AbortSignal) => Promise<P>
  readonly send: (item: T, prepared: P, signal: AbortSignal) => Promise<R>
}

/**
 * `prepare` item after item, in order, while up to `limit` prepared items
 * are sent at once; results in the items' order. Made for multipart uploads:
 * parts must be read and hashed in file order (a running hash of the whole
 * file), and at most `limit + 1` prepared parts are held in memory at a time.
 *
 * The first failure (of a `prepare`, a `send`, or the caller's abort) aborts
 * the signal both are given, starts nothing more, and is thrown once every
 * send in flight has settled, so nothing is still writing when the caller
 * cleans up after it.
 */
export async function pipelinedMap<T, P, R>(
  items: readonly T[],
  { limit, signal, prepare, send }: PipelinedMapOptions<T, P, R>,
): Promise<R[]> {
  if (!Number.isSafeInteger(limit) || limit < 1) {
    throw new RangeError(`limit must be a whole number of at least 1, not ${limit}.`)
  }
  const stop = new AbortController()
  let failure: { readonly error: unknown } | undefined
  const fail = (error: unknown) => {
    failure ??= { error }
    stop.abort(error)
  }
  const onAbort = () => fail(signal?.reason)
  signal?.addEventListener('abort', onAbort)
  if (signal?.aborted === true) onAbort()

  const results = new Array<R>(items.length)
  const inFlight = new Set<Promise<void>>()
  try {
    for (const [index, item] of items.entries()) {
      if (failure !== undefined) break
      const prepared = await prepare(item, stop.signal)
      while (inFlight.size >= limit && failure === undefined) await Promise.race(inFlight)
      if (failure !== undefined) break
      const tracked: Promise<void> = send(item, prepared, stop.signal)
        .then((result) => {
          results[index] = result
        }, fail)
        .finally(() => inFlight.delete(tracked))
      inFlight.add(tracked)
    }
  } catch (error) {
    fail(error)
  }
  await Promise.all(inFlight)
  signal?.removeEventListener('abort', onAbort)
  if (failure !== undefined) throw failure.error
  return results
}
