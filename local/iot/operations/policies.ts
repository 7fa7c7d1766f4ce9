import { notImplemented } from '../../edge/aws-error.ts'
import { bodyObject, requiredString } from '../../edge/input.ts'
import { paginate } from '../../edge/pagination.ts'
import type { Operation } from '../../edge/service.ts'
import { controlPlaneTime } from '../../edge/timestamps.ts'
import type { DeviceSecurity } from '../device-security.ts'
import type { PolicyRecord } from '../policies/records.ts'
import { certificatePrincipal } from './thing-principals.ts'
import { LIST_LIMIT } from './things.ts'

/**
 * IoT policies: CreatePolicy, GetPolicy, ListPolicies, DeletePolicy,
 * AttachPolicy, DetachPolicy, ListAttachedPolicies, ListTargetsForPolicy and
 * the legacy AttachPrincipalPolicy, DetachPrincipalPolicy and
 * ListPrincipalPolicies. Targets are certificates; policy versions beyond the
 * first are not emulated.
 */
const nameAndArn = (policy: PolicyRecord) => ({
  policyName: policy.policyName,
  policyArn: policy.policyArn,
})

const MARKER = { limit: LIST_LIMIT, tokenName: 'marker', sizeName: 'pageSize' } as const

/** A policy target: a certificate ARN; thing groups and Cognito identities are not emulated. */
function target(security: DeviceSecurity, value: string | null | undefined): string {
  if (value?.includes(':thinggroup/') === true)
    throw notImplemented('policies attached to thing groups')
  return certificatePrincipal(security, value)
}

export const createPolicy = ({ policies }: DeviceSecurity): Operation => ({
  name: 'CreatePolicy',
  handle: ({ params, body }) => {
    const input = bodyObject(body)
    const policy = policies.create(params.policyName ?? '', requiredString(input, 'policyDocument'))
    return {
      policyName: policy.policyName,
      policyArn: policy.policyArn,
      policyDocument: policy.policyDocument,
      policyVersionId: policy.defaultVersionId,
    }
  },
})

export const getPolicy = ({ policies }: DeviceSecurity): Operation => ({
  name: 'GetPolicy',
  handle: ({ params }) => {
    const policy = policies.get(params.policyName ?? '')
    return {
      ...nameAndArn(policy),
      policyDocument: policy.policyDocument,
      defaultVersionId: policy.defaultVersionId,
      creationDate: controlPlaneTime(policy.creationDateMs),
      lastModifiedDate: controlPlaneTime(policy.lastModifiedDateMs),
      generationId: policy.generationId,
    }
  },
})

export const listPolicies = ({ policies }: DeviceSecurity): Operation => ({
  name: 'ListPolicies',
  handle: ({ query }) => {
    const ascending = query.get('isAscendingOrder') === 'true'
    const page = paginate(policies.list(ascending), query, `ListPolicies ${ascending}`, MARKER)
    return { policies: page.items.map(nameAndArn), nextMarker: page.nextToken }
  },
})

export const deletePolicy = ({ policies }: DeviceSecurity): Operation => ({
  name: 'DeletePolicy',
  handle: ({ params }) => {
    policies.delete(params.policyName ?? '')
    return {}
  },
})

export const attachPolicy = (security: DeviceSecurity): Operation => ({
  name: 'AttachPolicy',
  handle: ({ params, body }) => {
    const name = params.policyName ?? ''
    security.policies.get(name)
    security.policies.attach(name, target(security, requiredString(bodyObject(body), 'target')))
    return {}
  },
})

export const detachPolicy = (security: DeviceSecurity): Operation => ({
  name: 'DetachPolicy',
  handle: ({ params, body }) => {
    const name = params.policyName ?? ''
    security.policies.get(name)
    security.policies.detach(name, target(security, requiredString(bodyObject(body), 'target')))
    return {}
  },
})

/** `recursive` would add the policies of the target's thing groups; certificates have none. */
export const listAttachedPolicies = (security: DeviceSecurity): Operation => ({
  name: 'ListAttachedPolicies',
  handle: ({ params, query }) => {
    const arn = target(security, params.target)
    const page = paginate(security.policies.attachedTo(arn), query, `attached ${arn}`, MARKER)
    return { policies: page.items.map(nameAndArn), nextMarker: page.nextToken }
  },
})

export const listTargetsForPolicy = ({ policies }: DeviceSecurity): Operation => ({
  name: 'ListTargetsForPolicy',
  handle: ({ params, query }) => {
    const name = policies.get(params.policyName ?? '').policyName
    const page = paginate(policies.targetsOf(name), query, `targets ${name}`, MARKER)
    return { targets: page.items, nextMarker: page.nextToken }
  },
})

/** The legacy operations name the certificate in `x-amzn-iot-principal`. */
export const attachPrincipalPolicy = (security: DeviceSecurity): Operation => ({
  name: 'AttachPrincipalPolicy',
  handle: ({ params, headers }) => {
    const name = params.policyName ?? ''
    security.policies.get(name)
    security.policies.attach(name, target(security, headers?.get('x-amzn-iot-principal')))
    return {}
  },
})

export const detachPrincipalPolicy = (security: DeviceSecurity): Operation => ({
  name: 'DetachPrincipalPolicy',
  handle: ({ params, headers }) => {
    const name = params.policyName ?? ''
    security.policies.get(name)
    security.policies.detach(name, target(security, headers?.get('x-amzn-iot-principal')))
    return {}
  },
})

export const listPrincipalPolicies = (security: DeviceSecurity): Operation => ({
  name: 'ListPrincipalPolicies',
  handle: ({ query, headers }) => {
    const arn = target(security, headers?.get('x-amzn-iot-principal'))
    const page = paginate(security.policies.attachedTo(arn), query, `principal ${arn}`, MARKER)
    return { policies: page.items.map(nameAndArn), nextMarker: page.nextToken }
  },
})
