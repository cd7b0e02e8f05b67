// Arrangements replayed. Test cases that restore the same snapshot before each one (the
// authorization matrix) arrange the same objects again and again through the functions: a loan
// walked to disbursement is nine calls, and hundreds of cells need one. An arrangement that runs
// on the snapshot as restored (nothing written since), with the same arguments, writes the same
// documents and files each time; so the first run goes through the functions and what it wrote
// is recorded (every document written, by key, and the files), and later runs write that record
// back in one commit: the very documents the functions wrote, ids and all. An arrangement that
// runs after something else was written in the case runs through the functions, as before.
import fs from 'node:fs'
import path from 'node:path'
import type { Mutation } from '../../localcloud/db/store'
import { parseWire, toWire, type Doc } from '../../localcloud/db/values'
import type { AppCloud } from './app'

interface Recording {
  /** When it was recorded (Date.now()). */
  at: number
  value: unknown
  docs: { collection: string; id: string; wire: string | null }[]
  files: { path: string; content: Buffer | null }[]
}

export interface ReplayFigures {
  recorded: number
  replayed: number
  /** Ran through the functions because the case had written something before. */
  live: number
}

export class Replays {
  private readonly recordings = new Map<string, Recording>()
  private restoredAt: { seq: number; files: string } | null = null
  readonly figures: ReplayFigures = { recorded: 0, replayed: 0, live: 0 }

  /** `maxAgeMs`: a recording older than this is made again (arrangements timed to the minute: a door's windows). */
  constructor(
    private readonly app: AppCloud,
    private readonly options: { maxAgeMs?: number } = {},
  ) {}

  /** Tells that the snapshot was just restored: until the next write, arrangements may be replayed. */
  restored(): void {
    this.restoredAt = { seq: this.app.cloud.store.lastSeq, files: this.fileList() }
  }

  /**
   * `arrange`'s result, as it would leave the database: replayed when it was recorded with this
   * `key` (which must name every argument it depends on) and nothing was written since the restore.
   */
  async run<T>(key: string, arrange: () => Promise<T>): Promise<T> {
    const store = this.app.cloud.store
    const pristine = this.restoredAt !== null && store.lastSeq === this.restoredAt.seq && this.fileList() === this.restoredAt.files
    if (!pristine) {
      this.figures.live++
      return arrange()
    }
    // A calendar day in the key: arrangements date things "today" (Asia/Shanghai).
    const dated = `${key}@${new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)}`
    const recording = this.recordings.get(dated)
    if (recording && Date.now() - recording.at <= (this.options.maxAgeMs ?? Infinity)) {
      this.figures.replayed++
      await this.replay(recording)
      return recording.value as T
    }
    const at = Date.now()
    const seq = store.lastSeq
    const collections = new Set(store.collections.keys())
    const files = new Map(this.files().map((f) => [f, fs.readFileSync(this.filePath(f))]))
    const value = await arrange()
    // Only what a commit can write back: no collection created by the arrangement.
    if ([...store.collections.keys()].some((name) => !collections.has(name))) {
      this.figures.live++
      return value
    }
    const docs: Recording['docs'] = []
    for (const [name, coll] of store.collections) {
      for (const [id, version] of coll.versions) {
        if (version <= seq) continue
        const doc = coll.docs.get(id)
        docs.push({ collection: name, id, wire: doc ? toWire(doc) : null })
      }
    }
    const after = this.files()
    const written: Recording['files'] = []
    for (const f of after) {
      const content = fs.readFileSync(this.filePath(f))
      if (!files.get(f)?.equals(content)) written.push({ path: f, content })
    }
    for (const f of files.keys()) if (!after.includes(f)) written.push({ path: f, content: null })
    this.recordings.set(dated, { at, value: JSON.parse(JSON.stringify(value ?? null)), docs, files: written })
    this.figures.recorded++
    return value
  }

  private async replay(recording: Recording): Promise<void> {
    const mutations: Mutation[] = recording.docs.map((d) => ({ collection: d.collection, id: d.id, doc: d.wire === null ? null : (parseWire(d.wire, 'recorded document') as Doc) }))
    await this.app.cloud.store.commit(mutations)
    for (const f of recording.files) {
      if (f.content === null) fs.rmSync(this.filePath(f.path), { force: true })
      else this.app.cloud.storage.put(f.path, f.content)
    }
  }

  private filePath(cloudPath: string): string {
    return path.join(this.app.dataDir, 'files', ...cloudPath.split('/'))
  }

  /** The storage's files (cloud paths), in a stable order. */
  private files(): string[] {
    const root = path.join(this.app.dataDir, 'files')
    if (!fs.existsSync(root)) return []
    return (fs.readdirSync(root, { recursive: true, withFileTypes: true }) as fs.Dirent[])
      .filter((e) => e.isFile())
      .map((e) => path.relative(root, path.join(e.parentPath ?? e.path, e.name)).split(path.sep).join('/'))
      .sort()
  }

  private fileList(): string {
    const root = path.join(this.app.dataDir, 'files')
    return JSON.stringify(this.files().map((f) => [f, fs.statSync(path.join(root, ...f.split('/'))).mtimeMs]))
  }
}
