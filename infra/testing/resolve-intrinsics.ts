import { TEST_ENV } from './synthesized-stack.ts'

/**
 * Template values with CloudFormation's intrinsic functions evaluated, so
 * tests can compare plain strings: pseudo parameters take TEST_ENV's values,
 * and a Ref or Fn::GetAtt of a resource becomes what `valueOf` says it would
 * be once deployed (by default a placeholder naming the resource).
 */
export type DeployedValue = (logicalId: string, attribute: string | undefined) => string

const PSEUDO: Readonly<Record<string, string>> = {
  'AWS::Partition': 'aws',
  'AWS::Region': TEST_ENV.region,
  'AWS::AccountId': TEST_ENV.account,
  'AWS::URLSuffix': 'amazonaws.com',
}

export const placeholder: DeployedValue = (logicalId, attribute) =>
  `<${logicalId}${attribute === undefined ? '' : `.${attribute}`}>`

export function resolveIntrinsics(value: unknown, valueOf: DeployedValue = placeholder): unknown {
  const resolve = (inner: unknown): unknown => resolveIntrinsics(inner, valueOf)
  if (Array.isArray(value)) return value.map(resolve)
  if (typeof value !== 'object' || value === null) return value
  const entries: [string, unknown][] = Object.entries(value)
  const [only] = entries
  if (entries.length === 1 && only !== undefined) {
    const [name, argument] = only
    if (name === 'Ref' && typeof argument === 'string')
      return PSEUDO[argument] ?? valueOf(argument, undefined)
    if (name === 'Fn::GetAtt' && Array.isArray(argument))
      return valueOf(String(argument[0]), String(argument[1]))
    if (name === 'Fn::Join' && Array.isArray(argument)) {
      const [separator, parts] = argument as [string, unknown[]]
      return parts.map((part) => String(resolve(part))).join(separator)
    }
    if (name === 'Fn::Split' && Array.isArray(argument)) {
      const [separator, text] = argument as [string, unknown]
      return String(resolve(text)).split(separator)
    }
    if (name === 'Fn::Select' && Array.isArray(argument)) {
      const [index, list] = argument as [number, unknown]
      return (resolve(list) as unknown[])[index]
    }
  }
  return Object.fromEntries(entries.map(([key, inner]) => [key, resolve(inner)]))
}

/** The value as a string, failing the test when it is not one. */
export function resolvedString(value: unknown, valueOf?: DeployedValue): string {
  const resolved = resolveIntrinsics(value, valueOf)
  if (typeof resolved !== 'string') throw new Error(`not a string: ${JSON.stringify(resolved)}`)
  return resolved
}
