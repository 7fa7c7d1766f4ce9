/**
 * `npm run deploy -- <cdk deploy options>`: the options go to `cdk deploy`
 * unchanged, and a `--profile` among them is used for the uploads and the
 * invalidation too, so every step acts in the same account.
 */
export function profileOf(args: readonly string[]): string | undefined {
  for (const [index, arg] of args.entries()) {
    if (arg === '--profile') return args[index + 1]
    if (arg.startsWith('--profile=')) return arg.slice('--profile='.length)
  }
  return undefined
}
