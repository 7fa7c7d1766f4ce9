import { CronSyntaxError, parseCron } from '../../domain/cron.ts'
import { invalidRequest } from '../edge/aws-error.ts'
import type { MaintenanceWindow } from './maintenance-window.ts'

/** Refuses, as InvalidRequestException, maintenance windows whose cron the engine cannot evaluate. */
export function checkMaintenanceWindows(windows: readonly MaintenanceWindow[] | undefined): void {
  for (const window of windows ?? []) {
    try {
      parseCron(window.startTime)
    } catch (error) {
      if (error instanceof CronSyntaxError)
        throw invalidRequest(`maintenanceWindows: ${error.message}`)
      throw error
    }
  }
}
