import {
  ListThingsInThingGroupCommand,
  UpdateIndexingConfigurationCommand,
} from '@aws-sdk/client-iot'
import { GetObjectCommand, HeadObjectCommand } from '@aws-sdk/client-s3'
import { describe, expect, it } from 'vitest'
import { useLocalCloudFixture } from '../../local/testing/local-cloud-fixture.ts'
import { s3Client } from '../../local/testing/s3-helpers.ts'
import {
  firmwareImageKey,
  firmwareManifestKey,
  parseFirmwareManifest,
} from '../../domain/firmware-manifest.ts'
import { canaryGroupName, DYNAMIC_FIRMWARE_GROUP } from '../demo/demo-catalog.ts'
import { ensureDemoFleet, FIRMWARE_BUCKET } from '../demo/ensure-demo-fleet.ts'

/**
 * The demo fleet is made over the wire with admin credentials, and making it
 * again finds everything and changes nothing.
 */
const cloud = useLocalCloudFixture()

describe('the demo fleet', () => {
  it('is created once, and a second run creates nothing', async () => {
    // Dynamic groups need the shadow indexed, as on AWS.
    await cloud.iot.send(
      new UpdateIndexingConfigurationCommand({
        thingIndexingConfiguration: { thingIndexingMode: 'REGISTRY_AND_SHADOW' },
      }),
    )
    const s3 = s3Client(cloud.endpoint, { forcePathStyle: true })
    const first = await ensureDemoFleet({ iot: cloud.iot, s3 })
    expect(first.devices).toHaveLength(200)
    expect(first.created).toMatchObject({
      thingTypes: 3,
      things: 200,
      firmwareImages: 10,
      firmwareManifests: 10,
    })
    expect(first.dynamicGroupSkipped).toBeUndefined()

    const second = await ensureDemoFleet({ iot: cloud.iot, s3 })
    expect(Object.values(second.created).every((count) => count === 0)).toBe(true)
    expect(second.devices).toEqual(first.devices)

    const canary = await cloud.iot.send(
      new ListThingsInThingGroupCommand({ thingGroupName: canaryGroupName('lock-v3') }),
    )
    expect(canary.things).toHaveLength(5)
    const image = await s3.send(
      new HeadObjectCommand({ Bucket: FIRMWARE_BUCKET, Key: firmwareImageKey('lamp-v2', '1.2.0') }),
    )
    expect(image.Metadata).toMatchObject({ model: 'lamp-v2', version: '1.2.0' })
    expect(image.Metadata?.['sha256']).toMatch(/^[0-9a-f]{64}$/)
    // The catalog entry: the manifest beside the image describes its bytes.
    const manifest = await s3.send(
      new GetObjectCommand({
        Bucket: FIRMWARE_BUCKET,
        Key: firmwareManifestKey('lamp-v2', '1.2.0'),
      }),
    )
    const parsed = parseFirmwareManifest((await manifest.Body?.transformToString()) ?? '', {
      model: 'lamp-v2',
      version: '1.2.0',
    })
    expect(parsed).toMatchObject({
      ok: true,
      value: {
        sha256: image.Metadata?.['sha256'],
        size: image.ContentLength,
        notes: 'Scheduled scenes.',
      },
    })
    expect(DYNAMIC_FIRMWARE_GROUP.queryString).toContain('shadow.reported.firmware.version')
  }, 60_000)
})
