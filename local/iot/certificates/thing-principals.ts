import { invalidRequest } from '../../edge/aws-error.ts'
import type { LocalCloudSchema } from '../../state/records.ts'
import type { Store } from '../../store/store.ts'
import { thingPrincipalKey, type ThingPrincipalRecord, type ThingPrincipalType } from './records.ts'

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/**
 * Which things each certificate is attached to (AttachThingPrincipal). The
 * store holds the attachments; the index by principal lives in memory and is
 * rebuilt at start. An EXCLUSIVE_THING attachment must be the principal's only
 * one (https://docs.aws.amazon.com/iot/latest/apireference/API_PrincipalThingObject.html).
 * The callers check that the thing and the certificate exist.
 */
export class ThingPrincipals {
  readonly #thingsByPrincipal = new Map<string, Set<string>>()
  readonly #principalsByThing = new Map<string, Set<string>>()

  constructor(private readonly store: Store<LocalCloudSchema>) {
    for (const record of store.values('thingPrincipals')) this.#index(record)
  }

  #index({ thingName, principal }: ThingPrincipalRecord): void {
    const add = (index: Map<string, Set<string>>, key: string, value: string) => {
      let values = index.get(key)
      if (values === undefined) index.set(key, (values = new Set()))
      values.add(value)
    }
    add(this.#thingsByPrincipal, principal, thingName)
    add(this.#principalsByThing, thingName, principal)
  }

  get(thingName: string, principal: string): ThingPrincipalRecord | undefined {
    return this.store.get('thingPrincipals', thingPrincipalKey(thingName, principal))
  }

  attach(thingName: string, principal: string, thingPrincipalType: ThingPrincipalType): void {
    const others = this.thingsOf(principal).filter((record) => record.thingName !== thingName)
    if (thingPrincipalType === 'EXCLUSIVE_THING' && others.length > 0)
      throw invalidRequest(
        `Principal ${principal} is attached to other things (${others.map((other) => other.thingName).join(', ')}); an EXCLUSIVE_THING attachment must be its only one.`,
      )
    const exclusive = others.find((record) => record.thingPrincipalType === 'EXCLUSIVE_THING')
    if (exclusive !== undefined)
      throw invalidRequest(
        `Principal ${principal} is attached exclusively to thing ${exclusive.thingName}.`,
      )
    const record = { thingName, principal, thingPrincipalType }
    this.store.put('thingPrincipals', thingPrincipalKey(thingName, principal), record)
    this.#index(record)
  }

  /** Detaching what is not attached succeeds: the end state is the one asked for. */
  detach(thingName: string, principal: string): void {
    this.store.delete('thingPrincipals', thingPrincipalKey(thingName, principal))
    this.#thingsByPrincipal.get(principal)?.delete(thingName)
    this.#principalsByThing.get(thingName)?.delete(principal)
  }

  /** The principal's attachments, by thing name. */
  thingsOf(principal: string): ThingPrincipalRecord[] {
    return [...(this.#thingsByPrincipal.get(principal) ?? [])]
      .sort(byName)
      .flatMap((thingName) => this.get(thingName, principal) ?? [])
  }

  /** The thing's attachments, by principal. */
  principalsOf(thingName: string): ThingPrincipalRecord[] {
    return [...(this.#principalsByThing.get(thingName) ?? [])]
      .sort(byName)
      .flatMap((principal) => this.get(thingName, principal) ?? [])
  }
}
