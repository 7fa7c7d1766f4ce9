import { CloudFrontClient, CreateInvalidationCommand } from '@aws-sdk/client-cloudfront'
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3'
import { spawn } from 'node:child_process'
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import { join, relative, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  dashboardConfigFromOutputs,
  requiredOutputs,
} from '../infra/deploy/dashboard-config-from-outputs.ts'
import { profileOf } from '../infra/deploy/deploy-arguments.ts'
import { cacheControlFor, contentTypeFor, uploadOrder } from '../infra/deploy/object-headers.ts'
import { STACK_NAME } from '../infra/stack-outputs.ts'
import { ROLE_GROUPS } from '../domain/permissions.ts'

/**
 * `npm run deploy [-- <cdk deploy options>]`: build the dashboard, deploy
 * the CDK stack (infra/), write config.json from the stack's outputs, upload
 * the build with its cache headers, and invalidate CloudFront. The AWS
 * credentials are the usual ones (AWS_PROFILE, --profile, environment);
 * README "Deploy to your AWS account" lists what the account needs first.
 */
const ROOT = fileURLToPath(new URL('..', import.meta.url))
const DIST = join(ROOT, 'dist')
const OUTPUTS_FILE = join(ROOT, 'cdk.out', 'deploy-outputs.json')
const cdkArgs = process.argv.slice(2)
const profile = profileOf(cdkArgs)

function run(command: string, args: readonly string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: 'inherit' })
    child.on('error', reject)
    child.on('exit', (code, signal) => {
      if (code === 0) resolve()
      else
        reject(
          new Error(`${command} ${args.join(' ')} failed (${signal ?? `exit ${String(code)}`})`),
        )
    })
  })
}

async function filesUnder(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { withFileTypes: true, recursive: true })
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(directory, join(entry.parentPath, entry.name)).split(sep).join('/'))
}

function step(text: string): void {
  console.log(`\n== ${text}`)
}

step('Building the dashboard (vite build)')
await run('npm', ['run', 'build'])

step(`Deploying the ${STACK_NAME} stack (cdk deploy)`)
await mkdir(join(ROOT, 'cdk.out'), { recursive: true })
await run('npx', ['cdk', 'deploy', STACK_NAME, '--outputs-file', OUTPUTS_FILE, ...cdkArgs])
const allOutputs = JSON.parse(await readFile(OUTPUTS_FILE, 'utf8')) as Record<
  string,
  Record<string, unknown>
>
const outputs = allOutputs[STACK_NAME] ?? {}

step('Writing dist/config.json from the stack outputs')
const config = dashboardConfigFromOutputs(outputs)
await writeFile(join(DIST, 'config.json'), `${JSON.stringify(config, null, 2)}\n`)

const { appBucket, distributionId, region, appUrl } = requiredOutputs(outputs, [
  'appBucket',
  'distributionId',
  'region',
  'appUrl',
])
const clientConfig = { region, ...(profile === undefined ? {} : { profile }) }

step(`Uploading the build to s3://${appBucket}`)
const s3 = new S3Client(clientConfig)
for (const key of uploadOrder(await filesUnder(DIST))) {
  await s3.send(
    new PutObjectCommand({
      Bucket: appBucket,
      Key: key,
      Body: await readFile(join(DIST, key)),
      ContentType: contentTypeFor(key),
      CacheControl: cacheControlFor(key),
    }),
  )
  console.log(`  ${key}  (${cacheControlFor(key)})`)
}

step(`Invalidating CloudFront distribution ${distributionId}`)
// CloudFront's API is global; its endpoint is in us-east-1.
const cloudFront = new CloudFrontClient({ ...clientConfig, region: 'us-east-1' })
const { Invalidation } = await cloudFront.send(
  new CreateInvalidationCommand({
    DistributionId: distributionId,
    InvalidationBatch: {
      CallerReference: `fleetdeck-deploy-${new Date().toISOString()}`,
      Paths: { Quantity: 1, Items: ['/*'] },
    },
  }),
)
console.log(`  ${Invalidation?.Id ?? 'invalidation'} ${Invalidation?.Status ?? ''}`)

console.log(`
Fleetdeck is deployed: ${appUrl}
Create the first operator (README, "Deploy to your AWS account"):
  aws cognito-idp admin-create-user --user-pool-id ${config.userPoolId} --username you@example.com \\
    --user-attributes Name=email,Value=you@example.com Name=email_verified,Value=true --region ${region}
  aws cognito-idp admin-add-user-to-group --user-pool-id ${config.userPoolId} --username you@example.com \\
    --group-name ${ROLE_GROUPS.operator} --region ${region}`)
