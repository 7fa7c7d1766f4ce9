import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openFileStore, StoreCorruptError } from './file-store.ts'

interface Schema extends Record<string, unknown> {
  things: { name: string; version: number }
}

const dirs: string[] = []
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'fleetdeck-store-'))
  dirs.push(dir)
  return dir
}
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true })
})

describe('file store', () => {
  it('keeps what was flushed across reopening, deletes included', async () => {
    const dir = await tempDir()
    const store = await openFileStore<Schema>(dir)
    store.put('things', 'a', { name: 'a', version: 1 })
    store.put('things', 'b', { name: 'b', version: 1 })
    store.put('things', 'a', { name: 'a', version: 2 })
    store.delete('things', 'b')
    await store.flush()
    await store.close()

    const reopened = await openFileStore<Schema>(dir)
    expect([...reopened.entries('things')]).toEqual([['a', { name: 'a', version: 2 }]])
    await reopened.close()
  })

  it('resolves every concurrent flush once its changes are on disk, sharing syncs', async () => {
    const dir = await tempDir()
    const store = await openFileStore<Schema>(dir)
    const flushes = Array.from({ length: 200 }, (_, index) => {
      store.put('things', `t${index}`, { name: `t${index}`, version: 1 })
      return store.flush()
    })
    await Promise.all(flushes)
    expect(store.syncCount).toBeLessThan(20)
    await store.close()
    const reopened = await openFileStore<Schema>(dir)
    expect(reopened.size('things')).toBe(200)
    await reopened.close()
  })

  it('applies only committed groups: an unacknowledged tail is dropped whole', async () => {
    const dir = await tempDir()
    const store = await openFileStore<Schema>(dir)
    store.put('things', 'a', { name: 'a', version: 1 })
    await store.flush()
    await store.close()
    // A write torn after two of a request's changes, before its commit line.
    await appendFile(
      join(dir, 'changes.log'),
      '{"s":2,"c":"things","k":"a","v":{"name":"a","version":2}}\n{"s":3,"c":"things","k":"b","v":{"name":"b","version":1}}\n',
    )
    const recovered = await openFileStore<Schema>(dir)
    expect([...recovered.entries('things')]).toEqual([['a', { name: 'a', version: 1 }]])
    recovered.put('things', 'c', { name: 'c', version: 1 })
    await recovered.flush()
    await recovered.close()
    const again = await openFileStore<Schema>(dir)
    expect([...again.entries('things')].map(([key]) => key).sort()).toEqual(['a', 'c'])
    await again.close()
  })

  it('skips log lines a newer snapshot already holds', async () => {
    const dir = await tempDir()
    await writeFile(
      join(dir, 'snapshot.json'),
      JSON.stringify({
        version: 2,
        sequence: 10,
        collections: { things: [['a', { name: 'a', version: 2 }]] },
      }),
    )
    // A crash between the snapshot's rename and the log's truncation leaves older lines behind.
    await writeFile(
      join(dir, 'changes.log'),
      '{"s":3,"c":"things","k":"a","v":{"name":"a","version":1}}\n{"commit":3}\n{"s":11,"c":"things","k":"b","v":{"name":"b","version":1}}\n{"commit":11}\n',
    )
    const store = await openFileStore<Schema>(dir)
    expect(store.get('things', 'a')).toEqual({ name: 'a', version: 2 })
    expect(store.get('things', 'b')).toEqual({ name: 'b', version: 1 })
    await store.close()
  })

  it('drops a torn last line, which was never acknowledged, and appends cleanly after it', async () => {
    const dir = await tempDir()
    const store = await openFileStore<Schema>(dir)
    store.put('things', 'a', { name: 'a', version: 1 })
    await store.flush()
    await store.close()
    await appendFile(join(dir, 'changes.log'), '{"c":"things","k":"b","v":{"na')

    const recovered = await openFileStore<Schema>(dir)
    expect([...recovered.values('things')]).toEqual([{ name: 'a', version: 1 }])
    recovered.put('things', 'c', { name: 'c', version: 1 })
    await recovered.flush()
    await recovered.close()
    const again = await openFileStore<Schema>(dir)
    expect(again.size('things')).toBe(2)
    await again.close()
  })

  it('refuses to start on a damaged log rather than guess', async () => {
    const dir = await tempDir()
    await writeFile(join(dir, 'changes.log'), 'garbage\n{"c":"things","k":"a","v":{}}\n')
    await expect(openFileStore<Schema>(dir)).rejects.toBeInstanceOf(StoreCorruptError)
  })

  it('compacts into a snapshot when the log grows, and reads the snapshot back', async () => {
    const dir = await tempDir()
    const store = await openFileStore<Schema>(dir, { compactAfterBytes: 2_000 })
    for (let index = 0; index < 100; index += 1) {
      store.put('things', `t${index % 10}`, { name: `t${index % 10}`, version: index })
      await store.flush()
    }
    await store.close()
    const log = await readFile(join(dir, 'changes.log'), 'utf8')
    expect(Buffer.byteLength(log)).toBeLessThan(3_000)
    const snapshot = JSON.parse(await readFile(join(dir, 'snapshot.json'), 'utf8')) as {
      version: number
    }
    expect(snapshot.version).toBe(2)

    const reopened = await openFileStore<Schema>(dir)
    expect(reopened.size('things')).toBe(10)
    expect(reopened.get('things', 't9')).toEqual({ name: 't9', version: 99 })
    await reopened.close()
  })
})
