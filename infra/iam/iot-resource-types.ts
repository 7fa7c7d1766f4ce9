import { DASHBOARD_THING_GROUP_PREFIX } from '../../domain/permissions.ts'
import { THINGS_INDEX_NAME } from '../../domain/fleet-index-custom-fields.ts'

/**
 * The IAM resource types each IoT API action of domain/permissions.ts is
 * authorized against, from the Service Authorization Reference ("Actions
 * defined by AWS IoT", Resource types column):
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsiot.html
 *
 * An empty list means the action supports no resource-level permission, and
 * IAM then only matches `"Resource": "*"`: an account-scoped ARN would deny
 * it. Where an action accepts many types (ListTagsForResource, TagResource),
 * only those the dashboard's calls name are listed.
 */
export type IotResourceType =
  | 'job'
  | 'jobtemplate'
  | 'thing'
  | 'thinggroup'
  /** A thinggroup or dynamicthinggroup the dashboard made for a job (DASHBOARD_THING_GROUP_PREFIX). */
  | 'jobthinggroup'
  | 'index'

export const IOT_ACTION_RESOURCE_TYPES: Readonly<Record<string, readonly IotResourceType[]>> = {
  'iot:DescribeJob': ['job'],
  'iot:DescribeJobExecution': ['job', 'thing'],
  'iot:DescribeJobTemplate': ['jobtemplate'],
  'iot:DescribeThing': ['thing'],
  'iot:DescribeThingGroup': ['thinggroup'],
  'iot:GetJobDocument': ['job'],
  'iot:GetThingShadow': ['thing'],
  'iot:ListJobs': [],
  'iot:ListJobExecutionsForJob': ['job'],
  'iot:ListJobExecutionsForThing': ['thing'],
  'iot:ListJobTemplates': [],
  // The dashboard reads the tags of jobs (src/features/jobs/api/list-tags-for-resource.ts).
  'iot:ListTagsForResource': ['job'],
  'iot:ListThingGroups': [],
  'iot:ListThingTypes': [],
  'iot:ListThings': [],
  'iot:SearchIndex': ['index'],
  'iot:GetStatistics': ['index'],
  'iot:GetBucketsAggregation': ['index'],
  'iot:GetCardinality': ['index'],
  'iot:GetPercentiles': ['index'],
  'iot:GetIndexingConfiguration': [],
  // CreateJob is checked against the job and against each target and template it names.
  'iot:CreateJob': ['job', 'thing', 'thinggroup', 'jobtemplate'],
  'iot:UpdateJob': ['job'],
  'iot:CancelJob': ['job'],
  'iot:CancelJobExecution': ['job', 'thing'],
  'iot:AssociateTargetsWithJob': ['job', 'thing', 'thinggroup'],
  'iot:CreateJobTemplate': ['jobtemplate', 'job'],
  // The reference's dynamicthinggroup and thinggroup types, narrowed to the
  // groups the dashboard names after its jobs.
  'iot:CreateDynamicThingGroup': ['jobthinggroup'],
  'iot:DeleteDynamicThingGroup': ['jobthinggroup'],
  'iot:CreateThingGroup': ['jobthinggroup'],
  'iot:AddThingToThingGroup': ['thing', 'jobthinggroup'],
  // Tags given to CreateJob/CreateJobTemplate (the wizard's tags, the created-by tag).
  'iot:TagResource': ['job', 'jobtemplate'],
}

export interface AccountRegion {
  readonly partition: string
  readonly region: string
  readonly account: string
}

/** The ARN pattern of a resource type within one account and region. */
export function iotResourceArn(type: IotResourceType, where: AccountRegion): string {
  const prefix = `arn:${where.partition}:iot:${where.region}:${where.account}`
  switch (type) {
    case 'job':
      return `${prefix}:job/*`
    case 'jobtemplate':
      return `${prefix}:jobtemplate/*`
    case 'thing':
      return `${prefix}:thing/*`
    case 'thinggroup':
      return `${prefix}:thinggroup/*`
    // Dynamic and static groups share the thinggroup ARN format; the
    // dashboard creates, fills and deletes only its own.
    case 'jobthinggroup':
      return `${prefix}:thinggroup/${DASHBOARD_THING_GROUP_PREFIX}*`
    // The dashboard queries the thing index only.
    case 'index':
      return `${prefix}:index/${THINGS_INDEX_NAME}`
  }
}
