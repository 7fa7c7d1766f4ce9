import type { JobExecutionStatus } from '../../domain/job-execution-status.ts'
import type { JobStatus } from '../../domain/job-status.ts'
import type { CognitoSchema } from '../cognito/records.ts'
import type { IamSchema } from '../iam/records.ts'
import type { CertificatesSchema } from '../iot/certificates/records.ts'
import type { EventConfigurationsSchema } from '../iot/events/records.ts'
import type { FleetIndexSchema } from '../iot/fleet-index/records.ts'
import type { PoliciesSchema } from '../iot/policies/records.ts'
import type { SeedSchema } from '../seed/records.ts'
import type { S3Schema } from '../s3/records.ts'
import type { ShadowSchema } from '../shadows/records.ts'

export type { SessionRecord } from '../iam/records.ts'

/** What the local cloud stores. Times are emulated epoch milliseconds. */
export interface ThingRecord {
  readonly thingName: string
  readonly thingId: string
  readonly thingArn: string
  readonly thingTypeName?: string
  readonly attributes: Readonly<Record<string, string>>
  readonly version: number
  readonly createdAtMs: number
}

export interface ThingTypeRecord {
  readonly thingTypeName: string
  readonly thingTypeId: string
  readonly thingTypeArn: string
  readonly description?: string
  readonly searchableAttributes?: readonly string[]
  readonly deprecated: boolean
  readonly creationDateMs: number
}

export interface ThingGroupRecord {
  readonly thingGroupName: string
  readonly thingGroupId: string
  readonly thingGroupArn: string
  readonly version: number
  readonly description?: string
  readonly attributes: Readonly<Record<string, string>>
  readonly parentGroupName?: string
  readonly creationDateMs: number
  /** Set on dynamic thing groups only: the fleet-index query that decides their members. */
  readonly queryString?: string
  readonly queryVersion?: string
  readonly indexName?: string
}

export interface GroupMemberRecord {
  readonly thingGroupName: string
  readonly thingName: string
}

export interface TagRecord {
  readonly Key: string
  readonly Value?: string
}

/** CreateJob's input as stored, without the document (kept apart: it can be 32 KB). */
export interface JobConfigRecord {
  readonly description?: string
  readonly presignedUrlConfig?: { readonly roleArn: string; readonly expiresInSec?: number }
  readonly jobExecutionsRolloutConfig?: {
    readonly maximumPerMinute?: number
    readonly exponentialRate?: {
      readonly baseRatePerMinute: number
      readonly incrementFactor: number
      readonly rateIncreaseCriteria: {
        readonly numberOfNotifiedThings?: number
        readonly numberOfSucceededThings?: number
      }
    }
  }
  readonly abortConfig?: {
    readonly criteriaList: readonly {
      readonly failureType: 'FAILED' | 'REJECTED' | 'TIMED_OUT' | 'ALL'
      readonly action: 'CANCEL'
      readonly thresholdPercentage: number
      readonly minNumberOfExecutedThings: number
    }[]
  }
  readonly timeoutConfig?: { readonly inProgressTimeoutInMinutes: number }
  readonly jobExecutionsRetryConfig?: {
    readonly criteriaList: readonly {
      readonly failureType: 'FAILED' | 'TIMED_OUT' | 'ALL'
      readonly numberOfRetries: number
    }[]
  }
}

export interface JobRecord extends JobConfigRecord {
  readonly jobId: string
  readonly jobArn: string
  readonly targets: readonly string[]
  readonly targetSelection: 'SNAPSHOT' | 'CONTINUOUS'
  readonly status: JobStatus
  readonly documentSource?: string
  readonly jobTemplateArn?: string
  readonly schedulingConfig?: {
    readonly startTime?: string
    readonly endTime?: string
    readonly endBehavior?: 'STOP_ROLLOUT' | 'CANCEL' | 'FORCE_CANCEL'
    readonly maintenanceWindows?: readonly {
      readonly startTime: string
      readonly durationInMinutes: number
    }[]
  }
  readonly tags?: readonly TagRecord[]
  readonly forceCanceled?: boolean
  readonly reasonCode?: string
  readonly comment?: string
  readonly createdAtMs: number
  readonly lastUpdatedAtMs: number
  readonly completedAtMs?: number
  /** Emulated time the rollout began (or resumes from); rates are measured from here. */
  readonly rolloutStartedAtMs?: number
  /** How many of the job's resolved targets have been rolled out (see JobTargetsRecord). */
  readonly rolloutCursor: number
  /** Executions notified, and rate, since the exponential rate last grew. */
  readonly rolloutRatePerMinute: number
  readonly rolloutNotifiedSinceIncrease: number
  readonly rolloutSucceededSinceIncrease: number
  /** Notifications made in the current rollout minute, and when that minute began. */
  readonly rolloutWindowStartMs: number
  readonly rolloutWindowCount: number
  /** True once the rollout has stopped creating executions (endBehavior STOP_ROLLOUT). */
  readonly rolloutStopped?: boolean
}

/** The things a job rolls out to, resolved once at creation: written once, never rewritten. */
export interface JobTargetsRecord {
  readonly jobId: string
  readonly thingNames: readonly string[]
}

export interface JobDocumentRecord {
  readonly jobId: string
  readonly document: string
}

export interface JobExecutionRecord {
  readonly jobId: string
  readonly thingName: string
  readonly status: JobExecutionStatus
  readonly statusDetails: Readonly<Record<string, string>>
  readonly executionNumber: number
  readonly versionNumber: number
  /** Retries so far for this thing; each retry is a new execution with the next executionNumber. */
  readonly retryAttempt: number
  readonly retriesAfterFailure: number
  readonly retriesAfterTimeout: number
  readonly forceCanceled?: boolean
  readonly queuedAtMs: number
  readonly startedAtMs?: number
  readonly lastUpdatedAtMs: number
  /** When the in-progress timer fires (fixed once started). */
  readonly inProgressDeadlineMs?: number
  /** When the current step timer fires; replaced by each update that sets one. */
  readonly stepDeadlineMs?: number
}

export interface JobTemplateRecord extends JobConfigRecord {
  readonly jobTemplateId: string
  readonly jobTemplateArn: string
  readonly document?: string
  readonly documentSource?: string
  readonly maintenanceWindows?: readonly {
    readonly startTime: string
    readonly durationInMinutes: number
  }[]
  readonly createdAtMs: number
}

export interface ClockRecord {
  readonly realMs: number
  readonly emulatedMs: number
  readonly speed: number
}

/**
 * Every collection of the local cloud. Each service keeps its record types
 * beside its code and adds its collections here.
 */
export interface LocalCloudSchema
  extends
    Record<string, unknown>,
    IamSchema,
    CognitoSchema,
    S3Schema,
    SeedSchema,
    CertificatesSchema,
    PoliciesSchema,
    EventConfigurationsSchema,
    ShadowSchema,
    FleetIndexSchema {
  things: ThingRecord
  thingTypes: ThingTypeRecord
  thingGroups: ThingGroupRecord
  groupMembers: GroupMemberRecord
  jobs: JobRecord
  jobTargets: JobTargetsRecord
  jobDocuments: JobDocumentRecord
  executions: JobExecutionRecord
  jobTemplates: JobTemplateRecord
  clock: ClockRecord
}

export const executionKey = (jobId: string, thingName: string, executionNumber: number) =>
  `${jobId}|${thingName}|${executionNumber}`
export const memberKey = (thingGroupName: string, thingName: string) =>
  `${thingGroupName}|${thingName}`
