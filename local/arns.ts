import { ACCOUNT_ID, REGION } from './config.ts'

const prefix = `arn:aws:iot:${REGION}:${ACCOUNT_ID}`

export const arns = {
  thing: (thingName: string) => `${prefix}:thing/${thingName}`,
  thingGroup: (thingGroupName: string) => `${prefix}:thinggroup/${thingGroupName}`,
  thingType: (thingTypeName: string) => `${prefix}:thingtype/${thingTypeName}`,
  job: (jobId: string) => `${prefix}:job/${jobId}`,
  jobTemplate: (jobTemplateId: string) => `${prefix}:jobtemplate/${jobTemplateId}`,
  certificate: (certificateId: string) => `${prefix}:cert/${certificateId}`,
  policy: (policyName: string) => `${prefix}:policy/${policyName}`,
}
