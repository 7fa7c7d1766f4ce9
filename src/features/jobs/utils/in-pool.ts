/**
 * Runs `work` over `items` with at most `concurrency` calls in flight and
 * answers the results in the items' order. The control plane's limits are
 * per account and per second (DescribeJobExecution, AddThingToThingGroup…),
 * so a page asking about hundreds of devices keeps a few calls going rather
 * than firing them all at once. The first failure ends the run: calls not
 * yet started are not made.
 */
export async function mapInPool<T, R>(
  items: readonly T[],
  concurrency: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length)
  let next = 0
  let failed = false
  const worker = async () => {
    while (!failed && next < items.length) {
      const index = next
      next += 1
      try {
        results[index] = await work(items[index] as T, index)
      } catch (error) {
        failed = true
        throw error
      }
    }
  }
  await Promise.all(
    Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker),
  )
  return results
}
