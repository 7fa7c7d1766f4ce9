import { createHash, randomBytes, randomInt } from 'node:crypto'
import { CreateThingGroupCommand, IoTClient, ListThingGroupsCommand } from '@aws-sdk/client-iot'
import { ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3'
import { expect, test } from '@playwright/test'
import { capture } from './support/capture.ts'
import { E2E_CLOUD_ENDPOINT } from './support/e2e-stack.ts'
import { credentialsOfSignedInUser } from './support/role-credentials.ts'
import { signIn } from './support/sign-in.ts'
import { createUser, dashboardSettings } from './support/users.ts'

/** Above the 16 MiB multipart threshold: the browser hashes and uploads it in parts. */
const IMAGE_BYTES = 17 * 1024 * 1024

test('an operator uploads a firmware image and sees it listed with its sha256', async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000)
  const user = await createUser('operator')
  const image = randomBytes(IMAGE_BYTES)
  const sha256 = createHash('sha256').update(image).digest('hex')
  const version = `4.${randomInt(1000)}.${randomInt(1000)}`
  await signIn(page, user, '/firmware')

  await page.getByRole('link', { name: 'Upload firmware' }).click()
  await expect(page).toHaveURL(/\/firmware\/upload/)
  await expect(page.getByRole('heading', { name: 'Upload firmware', level: 1 })).toBeVisible()
  await page.getByLabel('Model').fill('lamp-v2')
  await page.getByLabel('Version').fill(version)
  await page.getByLabel('Notes').fill('E2E build <b>not bold</b>')
  await page
    .locator('input[type="file"]')
    .setInputFiles({ name: 'lamp.bin', mimeType: 'application/octet-stream', buffer: image })
  await capture(page, testInfo, 'firmware-upload-form')
  await page.getByRole('button', { name: 'Upload', exact: true }).click()

  await expect(page).toHaveURL(/\/firmware\?model=lamp-v2/, { timeout: 60_000 })
  await expect(page.getByText(`Published lamp-v2 ${version}`)).toBeVisible()
  const row = page.getByRole('row').filter({ hasText: version })
  await expect(row).toContainText(sha256)
  await expect(row).toContainText(IMAGE_BYTES.toLocaleString('en-US'))
  // What a device reported or an operator typed is text, never markup.
  await expect(row).toContainText('E2E build <b>not bold</b>')
  await capture(page, testInfo, 'firmware-catalog')

  // The same version again is refused, and says why.
  await page.goto(`/firmware/upload?model=lamp-v2`)
  await expect(page.getByRole('heading', { name: 'Upload firmware', level: 1 })).toBeVisible()
  await page.getByLabel('Version').fill(version)
  await page.locator('input[type="file"]').setInputFiles({
    name: 'other.bin',
    mimeType: 'application/octet-stream',
    buffer: randomBytes(1024),
  })
  await page.getByRole('button', { name: 'Upload', exact: true }).click()
  const refusal = new RegExp(`${version.replace(/\./g, '\\.')}.*already exists`)
  await expect(page.getByText(refusal).first()).toBeVisible()
})

test('a viewer has no upload control, and IAM refuses the viewer’s own SDK calls', async ({
  page,
}, testInfo) => {
  const user = await createUser('viewer')
  await signIn(page, user, '/firmware')
  await expect(page.getByRole('heading', { name: /Releases \(\d+\)/ })).toBeVisible()
  await expect(page.getByText('Upload firmware')).toHaveCount(0)
  await capture(page, testInfo, 'firmware-catalog-viewer')

  await page.goto('/firmware/upload')
  await expect(page.getByText('Only operators upload firmware')).toBeVisible()
  await expect(page.locator('input[type="file"]')).toHaveCount(0)

  // The same credentials the page holds, used directly with the SDK.
  const credentials = await credentialsOfSignedInUser(page)
  const { firmwareBucket } = await dashboardSettings()
  const s3 = new S3Client({
    region: 'us-east-1',
    endpoint: E2E_CLOUD_ENDPOINT,
    forcePathStyle: true,
    credentials,
  })
  const iot = new IoTClient({ region: 'us-east-1', endpoint: E2E_CLOUD_ENDPOINT, credentials })
  // They are valid: reading works.
  const listed = await s3.send(new ListObjectsV2Command({ Bucket: firmwareBucket, MaxKeys: 1 }))
  expect(listed.KeyCount).toBe(1)
  await iot.send(new ListThingGroupsCommand({ maxResults: 1 }))
  // Changing anything does not.
  await expect(
    s3.send(
      new PutObjectCommand({
        Bucket: firmwareBucket,
        Key: 'lamp-v2/6.6.6/firmware.bin',
        Body: 'x',
      }),
    ),
  ).rejects.toMatchObject({ name: 'AccessDenied' })
  await expect(
    iot.send(new CreateThingGroupCommand({ thingGroupName: 'viewer-was-here' })),
  ).rejects.toMatchObject({ name: 'AccessDeniedException' })
})
