import { describe, expect, it } from 'vitest'
import { configUploadKey, configUploadsPrefix, parseConfigKey } from './config-keys.ts'

describe('configUploadKey', () => {
  it('puts each upload under the device, named by its job', () => {
    expect(configUploadKey('lamp-0001', 'config-upload-20250101-000000-abcd1234')).toBe(
      'uploads/lamp-0001/config-upload-20250101-000000-abcd1234.json',
    )
  })

  it('refuses names that would escape their folder', () => {
    expect(() => configUploadKey('../lamp', 'job')).toThrow(/Thing name/)
    expect(() => configUploadKey('lamp', 'a/b')).toThrow(/Job ID/)
    expect(() => configUploadKey('', 'job')).toThrow()
  })
})

describe('parseConfigKey', () => {
  it('reads uploads and model files back', () => {
    expect(parseConfigKey('uploads/lamp-0001/job-1.json')).toEqual({
      kind: 'upload',
      key: 'uploads/lamp-0001/job-1.json',
      thingName: 'lamp-0001',
      jobId: 'job-1',
    })
    expect(parseConfigKey('lamp-v2/night-mode.json')).toEqual({
      kind: 'model',
      key: 'lamp-v2/night-mode.json',
      model: 'lamp-v2',
      name: 'night-mode',
    })
  })

  it('round-trips the keys configUploadKey makes', () => {
    const key = configUploadKey('thermostat:7', 'job_2')
    expect(parseConfigKey(key)).toMatchObject({ thingName: 'thermostat:7', jobId: 'job_2' })
  })

  it('leaves out objects that are not configurations', () => {
    for (const key of [
      'readme.txt',
      'top.json',
      'lamp-v2/deep/x.json',
      'uploads/x.json',
      'uploads/lamp/bad id.json',
      'lamp-v2/.json',
    ])
      expect(parseConfigKey(key), key).toBeUndefined()
  })

  it('has prefixes for all uploads and one device', () => {
    expect(configUploadsPrefix()).toBe('uploads/')
    expect(configUploadsPrefix('lamp-0001')).toBe('uploads/lamp-0001/')
  })
})
