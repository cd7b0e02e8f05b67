// The durable store: every document lives in LMDB (crash-safe, its write promise resolves
// once the commit is on disk) and, for speed, in memory with its indexes. A write is
// validated and applied to memory synchronously, so every single request is atomic, and
// acknowledged only after LMDB has committed it.
//
// Snapshots for transactions are versioned documents: each write carries the commit sequence
// that made it, and while a transaction's snapshot is open, the version a write replaces is kept
// (per document, copy on write) so that the transaction keeps reading the database as it was at
// its snapshot. Nothing is kept while no snapshot is open, and a version is dropped as soon as no
// open snapshot can see it.
import fs from 'node:fs'
import path from 'node:path'
import { ObjectId } from 'bson'
import { open, type Database, type RootDatabase } from 'lmdb'
import { DbError } from './errors'
import { Index, queryBounds, type IndexSpec } from './indexes'
import { idKey, isPlainObject, parseWire, toWire, type Doc } from './values'

export interface CollectionSpec {
  /** Security rule for the client SDK, as the deploy sets it (the app never reads the database directly). */
  rule?: Record<string, unknown>
  indexes?: IndexSpec[]
  /**
   * `large`: the collection grows with the city over the years (sessions, redemptions, …), so
   * every query on it must be served by an index (the scan guard); the deploy reads it too.
   */
  scale?: 'large'
}

export type CollectionsFile = Record<string, CollectionSpec>

/** How a query is served: the index that narrowed it (`_id`, a declared index's name; null: a full scan) and the documents it examines. */
export interface ScanPlan {
  index: string | null
  docs: Iterable<Doc>
}

/** The branch lists of the $or conditions a query's documents must all satisfy (top level, or inside top-level $and). */
function orParts(criteria: Record<string, unknown>): Record<string, unknown>[][] {
  const out: Record<string, unknown>[][] = []
  const branches = criteria.$or
  if (Array.isArray(branches) && branches.length > 0 && branches.every(isPlainObject)) out.push(branches)
  if (Array.isArray(criteria.$and)) for (const part of criteria.$and) if (isPlainObject(part)) out.push(...orParts(part))
  return out
}

/** Whether a query places no condition at all (`{}`, or `$and` of such): it asks for the whole collection. */
export function isUnfiltered(criteria: Record<string, unknown>): boolean {
  return Object.entries(criteria).every(([key, value]) => key === '$and' && Array.isArray(value) && value.every((part) => isPlainObject(part) && isUnfiltered(part)))
}

export interface Mutation {
  collection: string
  /** The document's key (`idKey` of its `_id`). */
  id: string
  /** The new document, or null to delete it. */
  doc: Doc | null
}

/** A document as it was from commit `from` until commit `until` (exclusive); null: it did not exist. */
interface PastVersion {
  doc: Doc | null
  from: number
  until: number
}

export class Collection {
  /** The committed documents, by key (`idKey`). */
  readonly docs = new Map<string, Doc>()
  /** Commit sequence of each document's last write (0: loaded at start): how transactions detect conflicts. */
  readonly versions = new Map<string, number>()
  /** Versions replaced while a snapshot was open, oldest first, per document key. */
  readonly history = new Map<string, PastVersion[]>()
  indexes: Index[] = []

  /** `declaration`: the collection's spec as declared now (its scale may change after it was created). */
  constructor(
    readonly name: string,
    private readonly declaration: () => CollectionSpec | undefined = () => undefined,
  ) {}

  /** Declared `scale: large`: a query no index serves is an unindexed scan (see `plan`). */
  get large(): boolean {
    return this.declaration()?.scale === 'large'
  }

  /**
   * Sets the collection's indexes. An index whose spec is unchanged is kept as built: the deploy
   * declares a collection's indexes one at a time, each time with all the others, and rebuilding
   * every one of them over 200,000 documents each time made provisioning the city take minutes.
   */
  setIndexes(specs: IndexSpec[]): void {
    const built = new Map(this.indexes.map((index) => [specKey(index.spec), index]))
    const fresh: Index[] = []
    this.indexes = specs.map((spec) => {
      const kept = built.get(specKey(spec))
      if (kept) {
        built.delete(specKey(spec))
        return kept
      }
      const index = new Index(spec)
      fresh.push(index)
      return index
    })
    if (fresh.length) for (const doc of this.docs.values()) for (const index of fresh) index.add(doc)
  }

  /** Documents that may match `criteria`, narrowed by `_id` or the best index; callers still test each. */
  candidates(criteria: Record<string, unknown>): Iterable<Doc> {
    return this.plan(criteria).docs
  }

  /**
   * How a query is served, as MongoDB's planner would: by `_id`, by the index whose keys its
   * equalities (and a range on the next key) cover best, by the union of such plans for the
   * branches of a top-level `$or`, or else by a full scan (`index: null`). `docs` are the
   * candidates it examines.
   */
  plan(criteria: Record<string, unknown>): ScanPlan {
    const bounds = queryBounds(criteria)
    const ids = bounds.equal.get('_id')
    if (ids) {
      const docs: Doc[] = []
      for (const id of ids) {
        const doc = typeof id === 'string' || id instanceof ObjectId ? this.docs.get(idKey(id)) : undefined
        if (doc) docs.push(doc)
      }
      return { index: '_id', docs }
    }
    // Every index that can serve the query is tried and the one with the fewest candidates wins, as
    // MongoDB's planner races its candidate plans (a range on the first key of one index can beat an
    // equality on another's: a slice of user ids beats "every approved session"); on a tie, the one
    // whose keys the query covers best.
    let best: { index: Index; ids: Set<string>; score: number } | null = null
    for (const index of this.indexes) {
      const score = index.score(bounds)
      if (score <= 0) continue
      const ids = index.lookup(bounds)
      if (!ids) continue
      if (!best || ids.size < best.ids.size || (ids.size === best.ids.size && score > best.score)) best = { index, ids, score }
    }
    if (best) return { index: best.index.spec.name, docs: [...best.ids].map((id) => this.docs.get(id)!) }
    // A top-level $or (or one that is a part of a top-level $and) whose every branch is served.
    for (const branches of orParts(criteria)) {
      const plans = branches.map((b) => this.plan(b))
      if (plans.every((p) => p.index !== null)) {
        const union = new Map<string, Doc>()
        for (const p of plans) for (const doc of p.docs) union.set(idKey(doc._id), doc)
        return { index: [...new Set(plans.map((p) => p.index))].join(' | '), docs: union.values() }
      }
    }
    return { index: null, docs: this.docs.values() }
  }

  /** The document with this key as it was at snapshot `seq` (the commit sequence the snapshot saw last). */
  readAt(key: string, seq: number): Doc | null {
    if ((this.versions.get(key) ?? 0) <= seq) return this.docs.get(key) ?? null
    for (const past of this.history.get(key) ?? []) if (past.from <= seq && seq < past.until) return past.doc
    return null
  }
}

/** An index spec's identity: its name, keys (in order) and options. */
function specKey(spec: IndexSpec): string {
  return JSON.stringify([spec.name, Object.entries(spec.keys), !!spec.unique, !!spec.sparse])
}

/** A line of a snapshot file: a collection, or one of its documents (its key and its wire text). */
type SnapshotRow = { collection: string; doc?: undefined } | { collection: string; doc: string; id: string }

/** A snapshot restored in full: its text, the commit sequence then, each collection's documents (wire text by key) and their order in memory. */
interface ImportedSnapshot {
  text: string
  seq: number
  wires: Map<string, Map<string, string>>
  order: Map<string, string[]>
}

/** Snapshots up to this size stay parsed in memory between restores (a test's seeded data is far smaller). */
const SNAPSHOT_KEPT_CHARS = 16 * 1024 * 1024

export class Store {
  readonly collections = new Map<string, Collection>()
  /** Documents written (inserted, changed or removed) per collection since start: what tests use to see that a call changed nothing. */
  readonly writes = new Map<string, number>()
  private seq = 0
  /** Open snapshots: the sequence each one sees, and how many are open at it. */
  private readonly snapshots = new Map<number, number>()
  private root!: RootDatabase
  private docsDb!: Database<string, [string, string]>
  private namesDb!: Database<string, string>
  private declared: CollectionsFile = {}

  constructor(
    readonly dataDir: string,
    /** false: commits do not wait for the disk (see LocalCloudOptions.durable). */
    private readonly options: { durable: boolean } = { durable: true },
  ) {}

  async open(declared: CollectionsFile): Promise<void> {
    fs.mkdirSync(this.dataDir, { recursive: true })
    this.root = open({ path: path.join(this.dataDir, 'store.mdb'), maxDbs: 4, noSync: !this.options.durable })
    this.docsDb = this.root.openDB<string, [string, string]>({ name: 'docs', encoding: 'string' })
    this.namesDb = this.root.openDB<string, string>({ name: 'collections', encoding: 'string' })
    this.load()
    this.declared = declared
    await this.ensureDeclared()
  }

  private load(): void {
    this.imported = null
    this.collections.clear()
    for (const { key } of this.namesDb.getRange()) this.collections.set(key, this.newCollection(key))
    for (const { key, value } of this.docsDb.getRange()) {
      const [name, id] = key
      let coll = this.collections.get(name)
      if (!coll) this.collections.set(name, (coll = this.newCollection(name)))
      const doc = parseWire(value, 'stored document') as Doc
      coll.docs.set(id, doc)
      coll.versions.set(id, 0)
    }
  }

  /** Creates the collections the deploy file declares and builds their indexes, as a deploy would. */
  private async ensureDeclared(): Promise<void> {
    for (const name of Object.keys(this.declared)) if (!this.collections.has(name)) await this.createCollection(name)
    for (const [name, coll] of this.collections) {
      coll.setIndexes(this.declared[name]?.indexes ?? [])
      // Indexes are built over existing data; a unique violation there is a deploy error.
      for (const index of coll.indexes) for (const doc of coll.docs.values()) index.checkUnique(doc, name)
    }
  }

  private newCollection(name: string): Collection {
    return new Collection(name, () => this.declared[name])
  }

  /** The sequence of the last commit: what a snapshot taken now sees. */
  get lastSeq(): number {
    return this.seq
  }

  /** Opens a snapshot of the database as it is now; reads through `Collection.readAt` with the returned sequence. */
  openSnapshot(): number {
    this.snapshots.set(this.seq, (this.snapshots.get(this.seq) ?? 0) + 1)
    return this.seq
  }

  /** Closes a snapshot and forgets the versions that no open snapshot can see any more. */
  closeSnapshot(seq: number): void {
    const open = this.snapshots.get(seq)
    if (!open) return
    if (open > 1) this.snapshots.set(seq, open - 1)
    else this.snapshots.delete(seq)
    const oldest = this.snapshots.size === 0 ? Infinity : Math.min(...this.snapshots.keys())
    for (const coll of this.collections.values()) {
      if (coll.history.size === 0) continue
      if (oldest === Infinity) {
        coll.history.clear()
        continue
      }
      for (const [key, past] of coll.history) {
        const kept = past.filter((v) => v.until > oldest)
        if (kept.length === 0) coll.history.delete(key)
        else if (kept.length !== past.length) coll.history.set(key, kept)
      }
    }
  }

  get(name: string): Collection {
    const coll = this.collections.get(name)
    if (!coll) throw DbError.collectionMissing(name)
    return coll
  }

  has(name: string): boolean {
    return this.collections.has(name)
  }

  async createCollection(name: string): Promise<void> {
    if (!/^[A-Za-z_][A-Za-z0-9_-]{0,63}$/.test(name)) throw DbError.invalidParam(`invalid collection name: ${name}`)
    if (this.collections.has(name)) {
      throw new DbError('DATABASE_COLLECTION_ALREADY_EXIST', `Table exist: ${name}`)
    }
    const coll = this.newCollection(name)
    coll.setIndexes(this.declared[name]?.indexes ?? [])
    this.collections.set(name, coll)
    await this.namesDb.put(name, '1')
  }

  /**
   * Validates every mutation (unique indexes), applies all of them to memory at once, and
   * resolves when LMDB has durably committed them in one transaction: all or nothing.
   */
  async commit(mutations: Mutation[]): Promise<void> {
    if (mutations.length === 0) return
    this.validate(mutations)
    const seq = ++this.seq
    const keepHistory = this.snapshots.size > 0
    for (const m of mutations) {
      const coll = this.get(m.collection)
      const before = coll.docs.get(m.id)
      if (keepHistory) {
        let past = coll.history.get(m.id)
        if (!past) coll.history.set(m.id, (past = []))
        past.push({ doc: before ?? null, from: coll.versions.get(m.id) ?? 0, until: seq })
      }
      if (before) for (const index of coll.indexes) index.remove(before)
      if (m.doc) {
        coll.docs.set(m.id, m.doc)
        for (const index of coll.indexes) index.add(m.doc)
      } else {
        coll.docs.delete(m.id)
      }
      coll.versions.set(m.id, seq)
      this.writes.set(m.collection, (this.writes.get(m.collection) ?? 0) + 1)
    }
    const rows = mutations.map((m) => ({ key: [m.collection, m.id] as [string, string], value: m.doc ? toWire(m.doc) : null }))
    await this.docsDb.transaction(() => {
      for (const row of rows) {
        if (row.value === null) this.docsDb.remove(row.key)
        else this.docsDb.put(row.key, row.value)
      }
    })
  }

  /** Checks unique indexes for a batch of mutations, as `commit` does before applying them. */
  validate(mutations: Mutation[]): void {
    // Unique checks see the batch as a whole: documents replaced or removed by it don't collide.
    const touched = new Map<string, Set<string>>()
    for (const m of mutations) {
      this.get(m.collection)
      let ids = touched.get(m.collection)
      if (!ids) touched.set(m.collection, (ids = new Set()))
      ids.add(m.id)
    }
    const probes = new Map<string, Index>()
    for (const m of mutations) {
      if (!m.doc) continue
      const coll = this.get(m.collection)
      for (const index of coll.indexes) {
        if (!index.spec.unique) continue
        index.checkUnique(m.doc, m.collection, touched.get(m.collection))
        // Documents of the batch must not collide with each other either.
        const key = `${m.collection}\u0000${index.spec.name}`
        let probe = probes.get(key)
        if (!probe) probes.set(key, (probe = new Index(index.spec)))
        probe.checkUnique(m.doc, m.collection)
        probe.add(m.doc)
      }
    }
  }

  /** Empties every collection and recreates the declared ones (tests and demo seeding). */
  async reset(): Promise<void> {
    this.imported = null
    await this.root.transaction(() => {
      for (const { key } of this.docsDb.getRange()) this.docsDb.remove(key)
      for (const { key } of this.namesDb.getRange()) this.namesDb.remove(key)
    })
    this.collections.clear()
    await this.ensureDeclared()
  }

  /** Writes every collection and document to a JSON-lines file. */
  exportTo(file: string): void {
    const lines: string[] = []
    for (const [name, coll] of this.collections) {
      lines.push(JSON.stringify({ collection: name }))
      for (const doc of coll.docs.values()) lines.push(JSON.stringify({ collection: name, doc: toWire(doc) }))
    }
    fs.mkdirSync(path.dirname(file), { recursive: true })
    fs.writeFileSync(file, lines.join('\n') + '\n')
  }

  /**
   * Replaces the whole database with the contents of a file written by `exportTo`. Tests restore
   * the same snapshot between cases, thousands of times: the file's rows are kept parsed while its
   * text stays the same, and LMDB is rewritten in one synchronous transaction (committed when this
   * resolves, as before, without waiting for the write thread's turn); the memory is then loaded
   * from LMDB as at start (in its key order, each document parsed anew).
   *
   * Restoring the same snapshot again, with no transaction open, undoes only what was written
   * since it was restored last (`undoSince`): the documents written since (their versions say
   * which) are put back as the snapshot has them or removed, in LMDB and in memory, and every
   * collection touched gets its documents' order and its indexes exactly as a full restore would
   * give them. A test case then costs what it wrote, not the size of the database.
   */
  async importFrom(file: string): Promise<void> {
    const text = fs.readFileSync(file, 'utf8')
    const rows = this.snapshotRows(text)
    if (this.imported?.text === text && this.snapshots.size === 0) return this.undoSince(this.imported)
    this.root.transactionSync(() => {
      for (const { key } of this.docsDb.getRange()) this.docsDb.remove(key)
      for (const { key } of this.namesDb.getRange()) this.namesDb.remove(key)
      for (const row of rows) {
        if (row.doc === undefined) this.namesDb.put(row.collection, '1')
        else this.docsDb.put([row.collection, row.id], row.doc)
      }
    })
    this.load()
    await this.ensureDeclared()
    // Kept only with the parsed rows (a snapshot small enough to keep twice).
    if (this.lastSnapshot?.text !== text) return
    const wires = new Map<string, Map<string, string>>()
    for (const row of rows) {
      let docs = wires.get(row.collection)
      if (!docs) wires.set(row.collection, (docs = new Map()))
      if (row.doc !== undefined) docs.set(row.id, row.doc)
    }
    const order = new Map([...this.collections].map(([name, coll]) => [name, [...coll.docs.keys()]]))
    this.imported = { text, seq: this.seq, wires, order }
  }

  /** The snapshot the memory was last restored from in full, and the commit sequence then (see `importFrom`). */
  private imported: ImportedSnapshot | null = null

  /** Puts back what was written since `base` was restored, as a full restore of it would (see `importFrom`). */
  private undoSince(base: ImportedSnapshot): void {
    const rows: { key: [string, string]; value: string | null }[] = []
    const dropped: string[] = []
    for (const [name, coll] of [...this.collections]) {
      const saved = base.wires.get(name)
      const changed = [...coll.versions].filter(([, seq]) => seq > base.seq).map(([key]) => key)
      if (!saved) {
        // Created since: a declared collection is there again, empty (as after a full restore); any other is gone.
        for (const key of coll.docs.keys()) rows.push({ key: [name, key], value: null })
        if (this.declared[name]) {
          coll.docs.clear()
          coll.versions.clear()
          coll.setIndexes([])
          coll.setIndexes(this.declared[name]?.indexes ?? [])
        } else {
          this.collections.delete(name)
          dropped.push(name)
        }
        continue
      }
      if (changed.length === 0) continue
      for (const key of changed) {
        const wire = saved.get(key)
        rows.push({ key: [name, key], value: wire ?? null })
        if (wire === undefined) {
          coll.docs.delete(key)
          coll.versions.delete(key)
        } else {
          coll.docs.set(key, parseWire(wire, 'snapshot document') as Doc)
          coll.versions.set(key, 0)
        }
      }
      // The documents in the order a full restore loads them, and their indexes built anew in it.
      const docs = (base.order.get(name) ?? []).map((key) => [key, coll.docs.get(key)!] as const)
      coll.docs.clear()
      for (const [key, doc] of docs) coll.docs.set(key, doc)
      const specs = coll.indexes.map((index) => index.spec)
      coll.setIndexes([])
      coll.setIndexes(specs)
    }
    this.root.transactionSync(() => {
      for (const row of rows) {
        if (row.value === null) this.docsDb.remove(row.key)
        else this.docsDb.put(row.key, row.value)
      }
      for (const name of dropped) this.namesDb.remove(name)
    })
  }

  /** The last snapshot file read, parsed (kept only while its text is the same and not too large to keep twice). */
  private lastSnapshot: { text: string; rows: SnapshotRow[] } | null = null

  private snapshotRows(text: string): SnapshotRow[] {
    if (this.lastSnapshot?.text === text) return this.lastSnapshot.rows
    const rows = text
      .split('\n')
      .filter(Boolean)
      .map((line): SnapshotRow => {
        const row = JSON.parse(line) as { collection: string; doc?: string }
        if (!row.doc) return { collection: row.collection }
        return { collection: row.collection, doc: row.doc, id: idKey((parseWire(row.doc, 'snapshot document') as Doc)._id) }
      })
    this.lastSnapshot = text.length <= SNAPSHOT_KEPT_CHARS ? { text, rows } : null
    return rows
  }

  async close(): Promise<void> {
    await this.root.close()
  }
}
