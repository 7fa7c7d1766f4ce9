import { THING_NAME_RULE } from '../../../domain/identifiers.ts'
import { invalidRequest, notImplemented, resourceNotFound } from '../../edge/aws-error.ts'
import { identifier } from '../../edge/input.ts'
import { paginate } from '../../edge/pagination.ts'
import type { Operation, OperationRequest } from '../../edge/service.ts'
import type { ThingPrincipalRecord, ThingPrincipalType } from '../certificates/records.ts'
import type { DeviceSecurity } from '../device-security.ts'
import type { Registry } from '../registry.ts'
import { LIST_LIMIT } from './things.ts'

/**
 * AttachThingPrincipal, DetachThingPrincipal, ListThingPrincipals(V2),
 * ListPrincipalThings(V2), and DeleteThing's refusal while principals are
 * attached. Principals are certificate ARNs: the local cloud has no Cognito
 * identities with IoT policies.
 */
const TYPES: readonly ThingPrincipalType[] = ['EXCLUSIVE_THING', 'NON_EXCLUSIVE_THING']

/** The certificate ARN in a principal header, which must name an existing certificate. */
export function certificatePrincipal(
  { certificates }: DeviceSecurity,
  principal: string | null | undefined,
): string {
  if (principal === null || principal === undefined || principal === '')
    throw invalidRequest('principal is required.')
  if (!/^arn:aws:iot:[^:]+:[^:]+:cert\/[a-fA-F0-9]{64}$/.test(principal)) {
    if (/^[a-z]{2}-[a-z]+-\d:[0-9a-f-]{36}$/.test(principal))
      throw notImplemented('Cognito identities as IoT principals')
    throw invalidRequest(`${principal} is not a certificate ARN.`)
  }
  const certificate = certificates.byArn(principal)
  if (certificate === undefined)
    throw resourceNotFound(`The certificate ${principal} does not exist.`)
  return certificate.certificateArn
}

function thingPrincipalType(query: URLSearchParams): ThingPrincipalType | undefined {
  const type = query.get('thingPrincipalType')
  if (type === null) return undefined
  if (!(TYPES as readonly string[]).includes(type))
    throw invalidRequest(`thingPrincipalType must be one of ${TYPES.join(', ')}.`)
  return type as ThingPrincipalType
}

const principalHeader = (request: OperationRequest) => request.headers?.get('x-amzn-principal')

const thingName = (registry: Registry, name: string | undefined) =>
  registry.describeThing(identifier(THING_NAME_RULE, name)).thingName

export const attachThingPrincipal = (security: DeviceSecurity, registry: Registry): Operation => ({
  name: 'AttachThingPrincipal',
  handle: (request) => {
    const thing = thingName(registry, request.params.thingName)
    const principal = certificatePrincipal(security, principalHeader(request))
    security.thingPrincipals.attach(
      thing,
      principal,
      thingPrincipalType(request.query) ?? 'NON_EXCLUSIVE_THING',
    )
    return {}
  },
})

export const detachThingPrincipal = (security: DeviceSecurity, registry: Registry): Operation => ({
  name: 'DetachThingPrincipal',
  handle: (request) => {
    const thing = thingName(registry, request.params.thingName)
    security.thingPrincipals.detach(thing, certificatePrincipal(security, principalHeader(request)))
    return {}
  },
})

function listed(
  records: ThingPrincipalRecord[],
  query: URLSearchParams,
  scope: string,
): { items: readonly ThingPrincipalRecord[]; nextToken?: string } {
  const type = thingPrincipalType(query)
  const filtered = records.filter(
    (record) => type === undefined || record.thingPrincipalType === type,
  )
  return paginate(filtered, query, `${scope} ${type ?? ''}`, { limit: LIST_LIMIT })
}

export const listThingPrincipals = (security: DeviceSecurity, registry: Registry): Operation => ({
  name: 'ListThingPrincipals',
  handle: ({ params, query }) => {
    const thing = thingName(registry, params.thingName)
    const page = listed(security.thingPrincipals.principalsOf(thing), query, `principals ${thing}`)
    return { principals: page.items.map((record) => record.principal), nextToken: page.nextToken }
  },
})

export const listThingPrincipalsV2 = (security: DeviceSecurity, registry: Registry): Operation => ({
  name: 'ListThingPrincipalsV2',
  handle: ({ params, query }) => {
    const thing = thingName(registry, params.thingName)
    const page = listed(security.thingPrincipals.principalsOf(thing), query, `principals ${thing}`)
    return {
      thingPrincipalObjects: page.items.map(({ principal, thingPrincipalType: type }) => ({
        principal,
        thingPrincipalType: type,
      })),
      nextToken: page.nextToken,
    }
  },
})

export const listPrincipalThings = (security: DeviceSecurity): Operation => ({
  name: 'ListPrincipalThings',
  handle: (request) => {
    const principal = certificatePrincipal(security, principalHeader(request))
    const page = listed(
      security.thingPrincipals.thingsOf(principal),
      request.query,
      `things ${principal}`,
    )
    return { things: page.items.map((record) => record.thingName), nextToken: page.nextToken }
  },
})

export const listPrincipalThingsV2 = (security: DeviceSecurity): Operation => ({
  name: 'ListPrincipalThingsV2',
  handle: (request) => {
    const principal = certificatePrincipal(security, principalHeader(request))
    const page = listed(
      security.thingPrincipals.thingsOf(principal),
      request.query,
      `things ${principal}`,
    )
    return {
      principalThingObjects: page.items.map(({ thingName: name, thingPrincipalType: type }) => ({
        thingName: name,
        thingPrincipalType: type,
      })),
      nextToken: page.nextToken,
    }
  },
})

/** DeleteThing refuses a thing that still has principals, in AWS's words. */
export const refusedWhilePrincipalsAttached = (
  security: DeviceSecurity,
  deleteThing: Operation,
): Operation => ({
  name: deleteThing.name,
  handle: (request) => {
    const thing = request.params.thingName ?? ''
    if (security.thingPrincipals.principalsOf(thing).length > 0)
      throw invalidRequest(
        `Cannot delete. Thing ${thing} is still attached to one or more principals`,
      )
    return deleteThing.handle(request)
  },
})
