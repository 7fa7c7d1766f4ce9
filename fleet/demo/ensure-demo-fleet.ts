import {
  AddThingToThingGroupCommand,
  CreateDynamicThingGroupCommand,
  CreateThingCommand,
  CreateThingGroupCommand,
  CreateThingTypeCommand,
  ListThingGroupsCommand,
  ListThingsCommand,
  ListThingsInThingGroupCommand,
  ListThingTypesCommand,
  type IoTClient,
} from '@aws-sdk/client-iot'
import {
  CreateBucketCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3'
import {
  createFirmwareManifest,
  firmwareImageKey,
  firmwareManifestKey,
  parseFirmwareManifest,
  serializeFirmwareManifest,
} from '../../domain/firmware-manifest.ts'
import {
  canaryGroupName,
  configurationKey,
  DEMO_MODELS,
  DEMO_SITES,
  DEMO_UPLOADER,
  demoDevices,
  demoReleaseUploadedAt,
  DYNAMIC_FIRMWARE_GROUP,
  modelGroupName,
  siteGroupName,
  type DemoDevice,
} from './demo-catalog.ts'
import { firmwareImage, sha256Of } from './firmware-image.ts'

/**
 * Creates the demo fleet (fleet/demo/demo-catalog.ts) through the public
 * APIs only, with whatever credentials the clients carry (the local cloud's
 * admin test/test, or an AWS account's): thing types, things with `model`
 * and `site` attributes, static groups by model and site with a canary
 * subgroup per model, a dynamic group by firmware version when the account
 * has it, firmware images with their catalog manifests and configurations
 * in S3. It lists first and
 * creates only what is missing, so a second run changes nothing.
 */
export const FIRMWARE_BUCKET = 'fleetdeck-firmware'
export const CONFIG_BUCKET = 'fleetdeck-config'

export interface DemoFleetReport {
  readonly devices: readonly DemoDevice[]
  /** What this run created, by kind; all zero on a second run. */
  readonly created: Readonly<Record<string, number>>
  /** Why the dynamic group is missing, if it is. */
  readonly dynamicGroupSkipped?: string
}

async function allPages<T>(
  page: (nextToken: string | undefined) => Promise<{ items: T[]; nextToken?: string }>,
): Promise<T[]> {
  const items: T[] = []
  let nextToken: string | undefined
  do {
    const answer = await page(nextToken)
    items.push(...answer.items)
    nextToken = answer.nextToken
  } while (nextToken !== undefined && nextToken !== '')
  return items
}

/** A few requests at a time: each write waits for the cloud's durable flush. */
async function inParallel<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>) {
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++] as T
      await work(item)
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
}

const isNotFound = (error: unknown) => {
  const { name, $metadata } = error as { name?: string; $metadata?: { httpStatusCode?: number } }
  return name === 'NotFound' || name === 'NoSuchKey' || $metadata?.httpStatusCode === 404
}

const base64Sha256 = (hex: string) => Buffer.from(hex, 'hex').toString('base64')

export async function ensureDemoFleet(
  { iot, s3 }: { iot: IoTClient; s3: S3Client },
  { seed = 1, concurrency = 8 }: { seed?: number; concurrency?: number } = {},
): Promise<DemoFleetReport> {
  const created: Record<string, number> = {
    thingTypes: 0,
    things: 0,
    thingGroups: 0,
    memberships: 0,
    dynamicThingGroups: 0,
    buckets: 0,
    firmwareImages: 0,
    firmwareManifests: 0,
    configurations: 0,
  }
  const count = (kind: string) => (created[kind] = (created[kind] ?? 0) + 1)
  const devices = demoDevices(seed)

  // Thing types, one per model.
  const types = await allPages(async (nextToken) => {
    const out = await iot.send(new ListThingTypesCommand({ nextToken, maxResults: 100 }))
    return { items: (out.thingTypes ?? []).map((type) => type.thingTypeName ?? ''), ...next(out) }
  })
  for (const model of DEMO_MODELS) {
    if (types.includes(model.model)) continue
    await iot.send(
      new CreateThingTypeCommand({
        thingTypeName: model.model,
        thingTypeProperties: {
          thingTypeDescription: model.description,
          searchableAttributes: ['model', 'site'],
        },
      }),
    )
    count('thingTypes')
  }

  // Things.
  const things = new Set(
    await allPages(async (nextToken) => {
      const out = await iot.send(new ListThingsCommand({ nextToken, maxResults: 250 }))
      return { items: (out.things ?? []).map((thing) => thing.thingName ?? ''), ...next(out) }
    }),
  )
  await inParallel(
    devices.filter((device) => !things.has(device.thingName)),
    concurrency,
    async (device) => {
      await iot.send(
        new CreateThingCommand({
          thingName: device.thingName,
          thingTypeName: device.model,
          attributePayload: { attributes: { model: device.model, site: device.site } },
        }),
      )
      count('things')
    },
  )

  // Static groups and their members: parents before the canary subgroups.
  const groups = new Set(
    await allPages(async (nextToken) => {
      const out = await iot.send(new ListThingGroupsCommand({ nextToken, maxResults: 250 }))
      return { items: (out.thingGroups ?? []).map((group) => group.groupName ?? ''), ...next(out) }
    }),
  )
  const staticGroups: { name: string; parent?: string; description: string; members: string[] }[] =
    [
      ...DEMO_MODELS.map((model) => ({
        name: modelGroupName(model.model),
        description: `Every ${model.model}.`,
        members: devices.filter((d) => d.model === model.model).map((d) => d.thingName),
      })),
      ...DEMO_SITES.map((site) => ({
        name: siteGroupName(site),
        description: `Devices installed in ${site}.`,
        members: devices.filter((d) => d.site === site).map((d) => d.thingName),
      })),
      ...DEMO_MODELS.map((model) => ({
        name: canaryGroupName(model.model),
        parent: modelGroupName(model.model),
        description: `The ${model.model} devices that get a release first.`,
        members: devices
          .filter((d) => d.model === model.model && d.isCanary)
          .map((d) => d.thingName),
      })),
    ]
  for (const group of staticGroups) {
    if (!groups.has(group.name)) {
      await iot.send(
        new CreateThingGroupCommand({
          thingGroupName: group.name,
          ...(group.parent === undefined ? {} : { parentGroupName: group.parent }),
          thingGroupProperties: { thingGroupDescription: group.description },
        }),
      )
      count('thingGroups')
    }
    const members = new Set(
      await allPages(async (nextToken) => {
        const out = await iot.send(
          new ListThingsInThingGroupCommand({
            thingGroupName: group.name,
            nextToken,
            maxResults: 250,
          }),
        )
        return { items: out.things ?? [], ...next(out) }
      }),
    )
    await inParallel(
      group.members.filter((thingName) => !members.has(thingName)),
      concurrency,
      async (thingName) => {
        await iot.send(new AddThingToThingGroupCommand({ thingGroupName: group.name, thingName }))
        count('memberships')
      },
    )
  }

  // The dynamic group needs CreateDynamicThingGroup and fleet indexing of
  // the shadow; without them the demo does without it.
  let dynamicGroupSkipped: string | undefined
  if (!groups.has(DYNAMIC_FIRMWARE_GROUP.thingGroupName)) {
    try {
      await iot.send(
        new CreateDynamicThingGroupCommand({
          thingGroupName: DYNAMIC_FIRMWARE_GROUP.thingGroupName,
          queryString: DYNAMIC_FIRMWARE_GROUP.queryString,
          thingGroupProperties: { thingGroupDescription: DYNAMIC_FIRMWARE_GROUP.description },
        }),
      )
      count('dynamicThingGroups')
    } catch (error) {
      dynamicGroupSkipped = error instanceof Error ? `${error.name}: ${error.message}` : 'unknown'
    }
  }

  // Buckets, then images and configurations with their sha256 in metadata
  // (what the dashboard's firmware catalog reads) and as S3's checksum.
  for (const Bucket of [FIRMWARE_BUCKET, CONFIG_BUCKET]) {
    const exists = await s3.send(new HeadBucketCommand({ Bucket })).then(
      () => true,
      (error: unknown) => {
        if (isNotFound(error)) return false
        throw error
      },
    )
    if (!exists) {
      await s3.send(new CreateBucketCommand({ Bucket }))
      count('buckets')
    }
  }
  const releases = DEMO_MODELS.flatMap((model) =>
    model.releases.map((release, index) => {
      const bytes = firmwareImage(model.model, release.version, release.size)
      const manifest = createFirmwareManifest({
        model: model.model,
        version: release.version,
        notes: release.notes,
        size: bytes.length,
        sha256: sha256Of(bytes),
        uploadedAt: demoReleaseUploadedAt(index),
        uploadedBy: DEMO_UPLOADER,
      })
      return { bytes, manifest }
    }),
  )
  const objects = [
    ...releases.map(({ bytes, manifest }) => ({
      kind: 'firmwareImages',
      bucket: FIRMWARE_BUCKET,
      key: firmwareImageKey(manifest.model, manifest.version),
      bytes,
      contentType: 'application/octet-stream',
      metadata: {
        sha256: manifest.sha256,
        version: manifest.version,
        model: manifest.model,
        notes: manifest.notes,
      },
    })),
    ...DEMO_MODELS.flatMap((model) =>
      model.configurations.map((configuration) => {
        const bytes = new TextEncoder().encode(
          `${JSON.stringify(configuration.configuration, null, 2)}\n`,
        )
        return {
          kind: 'configurations',
          bucket: CONFIG_BUCKET,
          key: configurationKey(model.model, configuration.name),
          bytes,
          contentType: 'application/json',
          metadata: { sha256: sha256Of(bytes), model: model.model, notes: configuration.notes },
        }
      }),
    ),
  ]
  await inParallel(objects, concurrency, async (object) => {
    const existing = await s3
      .send(new HeadObjectCommand({ Bucket: object.bucket, Key: object.key }))
      .catch((error: unknown) => {
        if (isNotFound(error)) return undefined
        throw error
      })
    if (existing?.Metadata?.['sha256'] === object.metadata.sha256) return
    await s3.send(
      new PutObjectCommand({
        Bucket: object.bucket,
        Key: object.key,
        Body: object.bytes,
        ContentType: object.contentType,
        Metadata: object.metadata,
        ChecksumSHA256: base64Sha256(object.metadata.sha256),
      }),
    )
    count(object.kind)
  })

  // Then the manifests, which publish the releases in the catalog
  // (domain/firmware-manifest.ts): after their images, and rewritten only
  // when one no longer describes its image.
  await inParallel(releases, concurrency, async ({ manifest }) => {
    const Key = firmwareManifestKey(manifest.model, manifest.version)
    const existing = await s3.send(new GetObjectCommand({ Bucket: FIRMWARE_BUCKET, Key })).then(
      (out) => out.Body?.transformToString(),
      (error: unknown) => {
        if (isNotFound(error)) return undefined
        throw error
      },
    )
    const parsed = existing === undefined ? undefined : parseFirmwareManifest(existing)
    if (parsed?.ok === true && parsed.value.sha256 === manifest.sha256) return
    await s3.send(
      new PutObjectCommand({
        Bucket: FIRMWARE_BUCKET,
        Key,
        Body: serializeFirmwareManifest(manifest),
        ContentType: 'application/json',
      }),
    )
    count('firmwareManifests')
  })

  return {
    devices,
    created,
    ...(dynamicGroupSkipped === undefined ? {} : { dynamicGroupSkipped }),
  }
}

const next = (out: { nextToken?: string | undefined }) =>
  out.nextToken === undefined ? {} : { nextToken: out.nextToken }

/** One line for `npm start` and the CLI. */
export function describeDemoFleet(report: DemoFleetReport): string {
  const made = Object.entries(report.created)
    .filter(([, n]) => n > 0)
    .map(([kind, n]) => `${n} ${kind}`)
  const models = DEMO_MODELS.map((m) => `${m.model} ×${m.count}`).join(', ')
  return [
    `Demo fleet: ${report.devices.length} devices (${models}) in groups ${DEMO_MODELS.map((m) => modelGroupName(m.model)).join(', ')}, ` +
      `${DEMO_SITES.map(siteGroupName).join(', ')}, canary-<model>` +
      (report.dynamicGroupSkipped === undefined
        ? `, ${DYNAMIC_FIRMWARE_GROUP.thingGroupName} (dynamic)`
        : ''),
    `  firmware in s3://${FIRMWARE_BUCKET}/<model>/<version>/firmware.{bin,json}, configurations in s3://${CONFIG_BUCKET}/<model>/<name>.json`,
    `  ${made.length === 0 ? 'found as an earlier run left it' : `created ${made.join(', ')}`}` +
      (report.dynamicGroupSkipped === undefined
        ? ''
        : `; no dynamic group (${report.dynamicGroupSkipped})`),
  ].join('\n')
}
