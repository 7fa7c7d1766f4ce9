import { useCallback, useState } from 'react'
import {
  alertThresholdsSchema,
  DEFAULT_ALERT_THRESHOLDS,
  type AlertThresholds,
} from '@domain/job-monitoring/job-alerts.ts'

/**
 * Alert thresholds per job, kept in this browser (localStorage): the
 * operator's own defaults for jobs they have not tuned, and per-job values
 * on top. Stored values are re-validated on read, so a stale or edited
 * entry falls back to the defaults instead of breaking the page.
 */
const DEFAULTS_KEY = 'fleetdeck.alert-thresholds.default'
const jobKey = (jobId: string) => `fleetdeck.alert-thresholds.job.${jobId}`

function read(key: string): AlertThresholds | undefined {
  try {
    const text = localStorage.getItem(key)
    if (text === null) return undefined
    const parsed = alertThresholdsSchema.safeParse(JSON.parse(text))
    return parsed.success ? parsed.data : undefined
  } catch {
    return undefined
  }
}

function write(key: string, thresholds: AlertThresholds): void {
  try {
    localStorage.setItem(key, JSON.stringify(thresholds))
  } catch {
    // Storage full or disabled: the values still apply for this page.
  }
}

export interface AlertThresholdSettings {
  readonly thresholds: AlertThresholds
  readonly isDefault: boolean
  readonly save: (thresholds: AlertThresholds, forEveryJob: boolean) => void
  readonly reset: () => void
}

export function useAlertThresholds(jobId: string): AlertThresholdSettings {
  const initial = () => read(jobKey(jobId)) ?? read(DEFAULTS_KEY) ?? DEFAULT_ALERT_THRESHOLDS
  const [thresholds, setThresholds] = useState(initial)
  const [isDefault, setIsDefault] = useState(() => read(jobKey(jobId)) === undefined)
  const save = useCallback(
    (next: AlertThresholds, forEveryJob: boolean) => {
      write(forEveryJob ? DEFAULTS_KEY : jobKey(jobId), next)
      if (forEveryJob) localStorage.removeItem(jobKey(jobId))
      setThresholds(next)
      setIsDefault(forEveryJob)
    },
    [jobId],
  )
  const reset = useCallback(() => {
    localStorage.removeItem(jobKey(jobId))
    localStorage.removeItem(DEFAULTS_KEY)
    setThresholds(DEFAULT_ALERT_THRESHOLDS)
    setIsDefault(true)
  }, [jobId])
  return { thresholds, isDefault, save, reset }
}
