import { randomUUID } from 'node:crypto'
import { arns } from '../../arns.ts'
import type { Clock } from '../../clock.ts'
import {
  AwsError,
  invalidRequest,
  limitExceeded,
  resourceAlreadyExists,
  resourceNotFound,
} from '../../edge/aws-error.ts'
import type { LocalCloudSchema } from '../../state/records.ts'
import type { Store } from '../../store/store.ts'
import { deleteConflict, malformedPolicy } from '../security-errors.ts'
import { parsePolicyDocument, type PolicyDocument } from './policy-document.ts'
import { policyTargetKey, type PolicyRecord } from './records.ts'

/** CreatePolicy's policyName: "[\w+=,.@-]+", 1 to 128 characters. */
const POLICY_NAME = /^[\w+=,.@-]{1,128}$/
/** AWS IoT quota: "Maximum number of policies that can be attached to a certificate": 10. */
export const MAX_POLICIES_PER_TARGET = 10

const byName = (a: PolicyRecord, b: PolicyRecord) =>
  a.policyName < b.policyName ? -1 : a.policyName > b.policyName ? 1 : 0

/**
 * Named IoT policies (version 1 only) and their attachments to targets. The
 * parsed documents are cached in memory: MQTT evaluates them on every
 * connect, subscribe, publish and delivery. The callers check that targets
 * exist.
 */
export class Policies {
  readonly #parsed = new Map<string, PolicyDocument>()
  readonly #policiesByTarget = new Map<string, Set<string>>()

  constructor(
    private readonly store: Store<LocalCloudSchema>,
    private readonly clock: Clock,
  ) {
    for (const { policyName, target } of store.values('policyTargets'))
      this.#index(policyName, target)
  }

  #index(policyName: string, target: string): void {
    let names = this.#policiesByTarget.get(target)
    if (names === undefined) this.#policiesByTarget.set(target, (names = new Set()))
    names.add(policyName)
  }

  static checkName(policyName: string): string {
    if (!POLICY_NAME.test(policyName))
      throw invalidRequest(
        `Policy name ${policyName} must be 1 to 128 letters, digits and the characters _ + = , . @ -.`,
      )
    return policyName
  }

  get(policyName: string): PolicyRecord {
    const policy = this.store.get('policies', Policies.checkName(policyName))
    if (policy === undefined) throw resourceNotFound(`Policy ${policyName} does not exist.`)
    return policy
  }

  create(policyName: string, policyDocument: string): PolicyRecord {
    Policies.checkName(policyName)
    const parsed = parsePolicyDocument(policyDocument)
    if (!parsed.ok)
      throw 'malformed' in parsed
        ? malformedPolicy(parsed.malformed)
        : new AwsError('NotImplementedException', 501, parsed.unsupported)
    const existing = this.store.get('policies', policyName)
    if (existing !== undefined)
      throw resourceAlreadyExists(
        `Policy cannot be created - name already exists (name=${policyName})`,
        policyName,
        existing.policyArn,
      )
    const now = this.clock.now()
    const policy: PolicyRecord = {
      policyName,
      policyArn: arns.policy(policyName),
      policyDocument,
      defaultVersionId: '1',
      generationId: randomUUID(),
      creationDateMs: now,
      lastModifiedDateMs: now,
    }
    this.store.put('policies', policyName, policy)
    this.#parsed.set(policyName, parsed.document)
    return policy
  }

  /** Oldest first when `ascending`, else newest first, as ListPolicies orders by creation. */
  list(ascending: boolean): PolicyRecord[] {
    const list = [...this.store.values('policies')].sort(
      (a, b) => a.creationDateMs - b.creationDateMs || byName(a, b),
    )
    return ascending ? list : list.reverse()
  }

  delete(policyName: string): void {
    const policy = this.get(policyName)
    if (this.targetsOf(policyName).length > 0)
      throw deleteConflict(
        `The policy cannot be deleted as the policy is attached to one or more principals (name=${policyName})`,
      )
    this.store.delete('policies', policy.policyName)
    this.#parsed.delete(policy.policyName)
  }

  /** Attaching an attached policy again succeeds. */
  attach(policyName: string, target: string): void {
    this.get(policyName)
    const attached = this.#policiesByTarget.get(target) ?? new Set()
    if (attached.has(policyName)) return
    if (attached.size >= MAX_POLICIES_PER_TARGET)
      throw limitExceeded(
        `${target} already has ${MAX_POLICIES_PER_TARGET} policies attached, the most AWS IoT allows.`,
      )
    this.store.put('policyTargets', policyTargetKey(policyName, target), { policyName, target })
    this.#index(policyName, target)
  }

  /** Detaching what is not attached succeeds: the end state is the one asked for. */
  detach(policyName: string, target: string): void {
    this.get(policyName)
    this.store.delete('policyTargets', policyTargetKey(policyName, target))
    this.#policiesByTarget.get(target)?.delete(policyName)
  }

  /** The policies attached to the target, by name. */
  attachedTo(target: string): PolicyRecord[] {
    return [...(this.#policiesByTarget.get(target) ?? [])]
      .flatMap((name) => this.store.get('policies', name) ?? [])
      .sort(byName)
  }

  targetsOf(policyName: string): string[] {
    return [...this.store.values('policyTargets')]
      .filter((record) => record.policyName === policyName)
      .map((record) => record.target)
      .sort()
  }

  /** The parsed documents of the target's policies, for evaluation. */
  documentsFor(target: string): PolicyDocument[] {
    return [...(this.#policiesByTarget.get(target) ?? [])].flatMap((name) => {
      const cached = this.#parsed.get(name)
      if (cached !== undefined) return [cached]
      const policy = this.store.get('policies', name)
      const parsed = policy === undefined ? undefined : parsePolicyDocument(policy.policyDocument)
      if (parsed?.ok !== true) return []
      this.#parsed.set(name, parsed.document)
      return [parsed.document]
    })
  }
}
