import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { BlobStore } from './blob-store.ts'

/**
 * Blobs as files under `<dataDir>/blobs/<first two hex digits>/<sha256>`.
 * A blob is written to `blobs/tmp/`, fsynced, renamed into place and its
 * directory fsynced, so a blob that exists is whole: a crash mid-write leaves
 * only a temporary file, removed at the next start.
 */
const ID = /^[0-9a-f]{64}$/

async function syncDirectory(path: string): Promise<void> {
  const directory = await open(path, 'r')
  try {
    await directory.sync()
  } finally {
    await directory.close()
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path)
    return true
  } catch {
    return false
  }
}

export async function openFileBlobStore(dataDir: string): Promise<BlobStore> {
  const root = join(dataDir, 'blobs')
  const temporary = join(root, 'tmp')
  await rm(temporary, { recursive: true, force: true })
  await mkdir(temporary, { recursive: true })
  const pathOf = (id: string) => {
    if (!ID.test(id)) throw new Error(`Not a blob id: ${id}`)
    return join(root, id.slice(0, 2), id)
  }

  return {
    put: async (id, bytes) => {
      const path = pathOf(id)
      if (await exists(path)) return
      const directory = join(root, id.slice(0, 2))
      await mkdir(directory, { recursive: true })
      const scratch = join(temporary, `${id}.${randomBytes(6).toString('hex')}`)
      const file = await open(scratch, 'wx')
      try {
        await file.writeFile(bytes)
        await file.sync()
      } finally {
        await file.close()
      }
      await rename(scratch, path)
      await syncDirectory(directory)
    },
    read: async (id, range) => {
      let file
      try {
        file = await open(pathOf(id), 'r')
      } catch {
        return undefined
      }
      try {
        if (range === undefined) return new Uint8Array(await file.readFile())
        const length = range.end - range.start + 1
        const buffer = new Uint8Array(length)
        const { bytesRead } = await file.read(buffer, 0, length, range.start)
        return buffer.subarray(0, bytesRead)
      } finally {
        await file.close()
      }
    },
    readSync: (id) => {
      try {
        return new Uint8Array(readFileSync(pathOf(id)))
      } catch {
        return undefined
      }
    },
    delete: async (id) => {
      await rm(pathOf(id), { force: true })
    },
    ids: async () => {
      const directories = (await readdir(root, { withFileTypes: true })).filter(
        (entry) => entry.isDirectory() && /^[0-9a-f]{2}$/.test(entry.name),
      )
      const ids = await Promise.all(
        directories.map(async (directory) =>
          (await readdir(join(root, directory.name))).filter((name) => ID.test(name)),
        ),
      )
      return ids.flat()
    },
  }
}
