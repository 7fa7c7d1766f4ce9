import type { KeyValueStorage } from './pending-submission.ts'

/**
 * A view of sessionStorage in which every key gets a slot suffix. The
 * pending-submission store keeps one entry under one key; giving each form
 * its own slot lets the wizard, the upload form and the propagate form each
 * keep a submission in flight without one clearing or replacing another's.
 */
export function slotStorage(
  storage: KeyValueStorage | undefined,
  slot: string,
): KeyValueStorage | undefined {
  if (storage === undefined) return undefined
  const slotted = (key: string) => `${key}:${slot}`
  return {
    getItem: (key) => storage.getItem(slotted(key)),
    setItem: (key, value) => storage.setItem(slotted(key), value),
    removeItem: (key) => storage.removeItem(slotted(key)),
  }
}
