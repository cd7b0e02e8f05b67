// The `database.*` actions of the platform, as the query builder of @cloudbase/database
// sends them and reads their replies (see its src/{collection,query,document,aggregate,
// transaction}.ts). Every reply is the `data` part; the server adds the requestId.
import { ObjectId } from 'bson'
import { isDeepStrictEqual } from 'node:util'
import { aggregate, applyUpdate, compileQuery, isOperatorUpdate, nearSort, project, sortDocs } from './engine'
import { DbError } from './errors'
import { isUnfiltered, type Collection, type Mutation, type Store } from './store'
import {
  clone,
  documentBytes,
  idKey,
  idText,
  isPlainObject,
  isReservedIdKey,
  newDocId,
  parseWire,
  resolveServerDates,
  toReply,
  toWire,
  type Doc,
  type DocId,
} from './values'

export interface DatabaseLimits {
  /** Documents one get() returns at most in a cloud function. */
  maxGetLimit: number
  /** Documents an aggregation returns when its pipeline has no $limit. */
  aggregateDefaultLimit: number
  /** Documents an aggregation returns at most, whatever its $limit. */
  maxAggregateLimit: number
  /** Largest document, in bytes. */
  maxDocumentBytes: number
  /** A transaction neither committed nor aborted this long after it started is aborted and its locks released. */
  transactionLifetimeMs: number
}

export const PLATFORM_LIMITS: DatabaseLimits = {
  // The reference says 1000 for cloud functions, but the platform returns at most 100 per call
  // (reported and reproduced in the developer community); we follow the platform.
  maxGetLimit: 100,
  // aggregate().end() without .limit() returns 20 documents on the platform.
  aggregateDefaultLimit: 20,
  // With a $limit it returns up to 10,000 (measured in the developer community; not documented).
  maxAggregateLimit: 10_000,
  // MongoDB's BSON document limit, which the platform inherits.
  maxDocumentBytes: 16 * 1024 * 1024,
  // The platform's TransactionNotExist text: "transaction must be commit or abort in 30 seconds".
  transactionLifetimeMs: 30_000,
}

type Body = Record<string, unknown>

/** The requests that select documents by a query (a transaction's reads and writes go by `_id`). */
export type QueryRequest = 'get' | 'count' | 'update' | 'remove' | 'aggregate'

/**
 * A read the platform's caps shaped: one that asked for more than the cap (`over-cap`), or whose
 * answer the cap cut short (`cut`: more matched than came back, and the caller did not ask for
 * fewer). Or a query on a collection declared `scale: large` that no index serves
 * (`unindexed-scan`): fast on a test's hundred documents, a full scan of a city's years online.
 */
export interface CappedRead {
  kind: 'over-cap' | 'cut' | 'unindexed-scan'
  request: QueryRequest
  collection: string
  /** What the caller asked for (undefined: no limit given). */
  requested?: number
  /** The platform's cap (over-cap and cut; no cap concerns an unindexed scan). */
  cap?: number
  /** The query (or pipeline), as sent, shortened. */
  query: string
  /** Unindexed scans: the documents examined (the whole collection) and those the query matched. */
  examined?: number
  matched?: number
}

/** How one query was served: the index that narrowed it (`_id`, an index's name; null: a full scan), documents examined and matched. */
export interface ScanRecord {
  request: QueryRequest
  collection: string
  index: string | null
  examined: number
  matched: number
  /** The collection is declared `scale: large`. */
  large: boolean
  /**
   * The query placed no condition (an aggregation: no leading $match, or an empty one): it asks for
   * the whole collection (a city-wide report), which no index could narrow; not an unindexed scan.
   */
  unfiltered: boolean
  /** The query (or pipeline), as sent, shortened. */
  query: string
}

export type ReadObserver = (read: CappedRead) => void

interface TxnWrite {
  collection: string
  /** The document's key (`idKey`). */
  key: string
  doc: Doc | null
}

interface Transaction {
  id: string
  /** The commit sequence all its reads see: fixed by its first operation (null until then). */
  snapshot: number | null
  /** Its writes, by `docKey`: applied together at commit, seen by its own reads before. */
  writes: Map<string, TxnWrite>
  lifetime: NodeJS.Timeout
  /** Settles when the transaction ends (commit, abort, conflict or lifetime): plain writes waiting on its locks go on. */
  ended: Promise<void>
  end: () => void
}

export interface RequestRecord {
  action: string
  collection?: string
}

const TXN_ACTIONS = new Set([
  'database.getDocument',
  'database.insertDocument',
  'database.modifyDocument',
  'database.removeDocument',
  'database.getInTransaction',
  'database.updateDocInTransaction',
  'database.deleteDocInTransaction',
  'database.commitTransaction',
  'database.abortTransaction',
])

const docKey = (collection: string, key: string) => `${collection}\u0000${key}`
/** How many compiled queries a database keeps (the oldest goes first). */
const COMPILED_QUERIES_KEPT = 2000

/** What a plain write would change, and how to apply it (see `plainWrite`). */
interface WritePlan<T> {
  collection: string
  keys: string[]
  apply: () => Promise<T>
}

export class DatabaseService {
  private readonly transactions = new Map<string, Transaction>()
  /** Which transaction holds the write lock of each document (by `docKey`). */
  private readonly locks = new Map<string, string>()
  /** How the newest 1,000 queries were served (see `ScanRecord`): what the scan guard's tests and the console read. */
  readonly scans: ScanRecord[] = []
  /** Compiled queries by their wire text (see `compiledQuery`). */
  private readonly compiled = new Map<string, (doc: Doc) => boolean>()

  constructor(
    readonly store: Store,
    readonly limits: DatabaseLimits = PLATFORM_LIMITS,
  ) {}

  async handle(action: string, body: Body, observe?: ReadObserver): Promise<Body> {
    const txnId = typeof body.transactionId === 'string' && body.transactionId ? body.transactionId : null
    if (txnId && !TXN_ACTIONS.has(action)) {
      throw DbError.invalidParam(`${action} is not supported in a transaction`)
    }
    switch (action) {
      case 'database.addCollection':
        await this.store.createCollection(this.collectionName(body))
        return {}
      case 'database.insertDocument':
        return txnId ? this.txnInsert(this.txn(txnId), body) : this.insert(body)
      case 'database.getDocument':
        return txnId ? this.txnGet(this.txn(txnId), body) : this.find(body, observe)
      case 'database.calculateDocument':
        return this.count(body, observe)
      case 'database.modifyDocument':
        return txnId ? this.txnModify(this.txn(txnId), body) : this.modify(body, observe)
      case 'database.modifyAndReturnDoc':
        return this.modifyAndReturn(body, observe)
      case 'database.removeDocument':
        return txnId ? this.txnRemove(this.txn(txnId), body) : this.remove(body, observe)
      case 'database.aggregateDocuments':
        return this.aggregate(body, observe)
      case 'database.startTransaction':
        return { transactionId: this.begin() }
      case 'database.commitTransaction':
        await this.commit(this.txn(this.requireTxnId(body)))
        return {}
      case 'database.abortTransaction':
        this.end(this.txn(this.requireTxnId(body)).id)
        return {}
      // The first transaction API (db.startTransaction() with transaction.get/set/update/delete).
      case 'database.getInTransaction': {
        const txn = this.txn(this.requireTxnId(body))
        const doc = this.txnRead(txn, this.collectionName(body), idKey(this.legacyId(body)))
        if (!doc) throw DbError.failed(`document not exist: ${String(body._id)}`)
        return { data: toReply(doc) } as Body
      }
      case 'database.updateDocInTransaction': {
        const txn = this.txn(this.requireTxnId(body))
        const name = this.collectionName(body)
        const id = this.legacyId(body)
        const data = this.parseObject(body.data, 'data')
        const current = this.txnRead(txn, name, idKey(id))
        let next: Doc
        let upserted: string | null = null
        if (isOperatorUpdate(data)) {
          if (!current) return { updated: toWire(0), upserted: null } as Body
          next = applyUpdate(current, resolveServerDates(data, Date.now()))
        } else {
          if (!current) upserted = JSON.stringify([{ _id: idText(id) }])
          next = { ...resolveServerDates(data, Date.now()), _id: id } as Doc
        }
        this.txnWrite(txn, name, idKey(id), next)
        return { updated: toWire(current ? 1 : 0), upserted } as Body
      }
      case 'database.deleteDocInTransaction': {
        const txn = this.txn(this.requireTxnId(body))
        const name = this.collectionName(body)
        const key = idKey(this.legacyId(body))
        const existed = this.txnRead(txn, name, key) !== null
        if (existed) this.txnWrite(txn, name, key, null)
        return { deleted: toWire(existed ? 1 : 0) } as Body
      }
      default:
        throw new DbError('INVALID_ACTION', `unknown action: ${action}`)
    }
  }

  /** What a request touches, for the runtime's per-invocation record. */
  static describe(action: string, body: Body): RequestRecord {
    return { action, collection: typeof body.collectionName === 'string' ? body.collectionName : undefined }
  }

  /** Ends every open transaction (the database was reset or restored under them). */
  endAll(): void {
    for (const id of [...this.transactions.keys()]) this.end(id)
  }

  // ---- plain operations ------------------------------------------------------------

  /**
   * Runs a write outside any transaction. `plan` reads the data as it is and says which
   * documents the write would change; while an open transaction holds the write lock of one of
   * them, the write waits for that transaction to end and plans again, as on the platform
   * (普通的更新操作会被阻塞，直到事务锁释放或者超时: the lock lasts at most the transaction's
   * lifetime). Planning and applying have no pause in between, so each write is atomic.
   */
  private async plainWrite<T>(plan: () => WritePlan<T>): Promise<T> {
    for (;;) {
      const step = plan()
      const holder = this.lockHolder(step.collection, step.keys)
      if (!holder) return step.apply()
      await holder.ended
    }
  }

  private lockHolder(collection: string, keys: string[]): Transaction | null {
    if (this.locks.size === 0) return null
    for (const key of keys) {
      const holder = this.locks.get(docKey(collection, key))
      if (holder) return this.transactions.get(holder) ?? null
    }
    return null
  }

  private insert(body: Body): Promise<Body> {
    const now = Date.now()
    const docs = this.insertPayload(body).map((raw) => this.newDocument(raw, now))
    const keys = docs.map((doc) => idKey(doc._id))
    return this.plainWrite(() => {
      const coll = this.collection(body)
      return {
        collection: coll.name,
        keys,
        apply: async () => {
          const seen = new Set<string>()
          docs.forEach((doc, i) => {
            if (coll.docs.has(keys[i]) || seen.has(keys[i])) throw DbError.duplicateKey(coll.name, '_id_', JSON.stringify({ _id: doc._id }))
            seen.add(keys[i])
          })
          await this.store.commit(docs.map((doc, i) => ({ collection: coll.name, id: keys[i], doc })))
          return { data: { insertedIds: docs.map((d) => idText(d._id)) } }
        },
      }
    })
  }

  private find(body: Body, observe?: ReadObserver): Body {
    const coll = this.collection(body)
    const criteria = this.criteria(body)
    let docs = this.match(coll, criteria, { request: 'get', query: body.query, observe })
    if (body.queryType === 'DOC') docs = docs.slice(0, 1)
    const order = body.order !== undefined ? this.parseOrder(body.order) : {}
    const byDistance = nearSort(criteria)
    if (byDistance && Object.keys(order).length === 0) {
      docs = docs.map((doc) => ({ doc, d: byDistance(doc) })).sort((a, b) => a.d - b.d).map((r) => r.doc)
    } else {
      docs = sortDocs(docs, order)
    }
    const offset = this.nonNegativeInt(body.offset, 'offset') ?? 0
    const asked = this.nonNegativeInt(body.limit, 'limit') || undefined
    const cap = this.limits.maxGetLimit
    const limit = Math.min(asked ?? cap, cap)
    const page = docs.slice(offset, offset + limit)
    if (observe && body.queryType !== 'DOC') {
      const query = shorten(body.query)
      if (asked !== undefined && asked > cap) observe({ kind: 'over-cap', request: 'get', collection: coll.name, requested: asked, cap, query })
      // The SDK sends 100 when no limit is given, so a plain get() and a page of 100 look alike;
      // a pager orders its pages (unordered pages are unstable), so an unordered full answer with
      // more behind it is taken as cut short.
      const unordered = Object.keys(order).length === 0
      if (docs.length - offset > limit && (asked === undefined || asked > cap || (asked === cap && unordered))) {
        observe({ kind: 'cut', request: 'get', collection: coll.name, requested: asked, cap, query })
      }
    }
    const projection = body.projection !== undefined ? this.parseObject(body.projection, 'projection') : undefined
    return { data: { list: project(page, projection).map(toReply) }, limit, offset }
  }

  private count(body: Body, observe?: ReadObserver): Body {
    const coll = this.collection(body)
    return { data: { total: this.match(coll, this.criteria(body), { request: 'count', query: body.query, observe }).length } }
  }

  private modify(body: Body, observe?: ReadObserver): Promise<Body> {
    const data = this.parseObject(body.data, 'data')
    const now = Date.now()
    const criteria = this.criteria(body)
    const replace = body.merge === false
    if (replace && Object.keys(data).some((k) => k.startsWith('$'))) throw DbError.failed('update operator complicit')
    const modifier = replace ? null : this.modifier(data)
    const upsertId: DocId = typeof criteria._id === 'string' || criteria._id instanceof ObjectId ? criteria._id : newDocId()
    return this.plainWrite(() => {
      const coll = this.collection(body)
      const targets = this.match(coll, criteria, { request: 'update', query: body.query, observe })
      const chosen = body.multi === true ? targets : targets.slice(0, 1)
      const upsert = chosen.length === 0 && body.upsert === true
      return {
        collection: coll.name,
        keys: upsert ? [idKey(upsertId)] : chosen.map((doc) => idKey(doc._id)),
        apply: async () => {
          const mutations: Mutation[] = []
          // set() replaces a document it found: the platform counts it as updated even when the
          // content is the same; update() counts only the documents it changed (MongoDB's nModified).
          let updated = 0
          for (const current of chosen) {
            const next = modifier
              ? applyUpdate(current, resolveServerDates(modifier, now))
              : ({ ...resolveServerDates(data, now), _id: current._id } as Doc)
            if (isDeepStrictEqual(next, current)) {
              if (replace) updated++
              continue
            }
            this.checkSize(next)
            mutations.push({ collection: coll.name, id: idKey(current._id), doc: next })
            updated++
          }
          if (upsert) {
            const base = { _id: upsertId } as Doc
            const doc = modifier ? applyUpdate(base, resolveServerDates(modifier, now)) : ({ ...resolveServerDates(data, now), _id: upsertId } as Doc)
            this.checkSize(doc)
            mutations.push({ collection: coll.name, id: idKey(upsertId), doc })
          }
          await this.store.commit(mutations)
          return { data: upsert ? { updated: 0, upsert_id: idText(upsertId) } : { updated } }
        },
      }
    })
  }

  private modifyAndReturn(body: Body, observe?: ReadObserver): Promise<Body> {
    const modifier = this.modifier(this.parseObject(body.data, 'data'))
    const criteria = this.criteria(body)
    return this.plainWrite(() => {
      const coll = this.collection(body)
      const [current] = this.match(coll, criteria, { request: 'update', query: body.query, observe })
      return {
        collection: coll.name,
        keys: current ? [idKey(current._id)] : [],
        apply: async (): Promise<Body> => {
          if (!current) return { data: { updated: 0, doc: null } }
          const next = applyUpdate(current, resolveServerDates(modifier, Date.now()))
          this.checkSize(next)
          await this.store.commit([{ collection: coll.name, id: idKey(current._id), doc: next }])
          return { data: { updated: 1, doc: toReply(next) } }
        },
      }
    })
  }

  private remove(body: Body, observe?: ReadObserver): Promise<Body> {
    const criteria = this.criteria(body)
    return this.plainWrite(() => {
      const coll = this.collection(body)
      const targets = this.match(coll, criteria, { request: 'remove', query: body.query, observe })
      const chosen = body.multi === false || body.queryType === 'DOC' ? targets.slice(0, 1) : targets
      const keys = chosen.map((doc) => idKey(doc._id))
      return {
        collection: coll.name,
        keys,
        apply: async () => {
          await this.store.commit(keys.map((id) => ({ collection: coll.name, id, doc: null })))
          return { data: { deleted: chosen.length } }
        },
      }
    })
  }

  private aggregate(body: Body, observe?: ReadObserver): Body {
    const coll = this.collection(body)
    if (!Array.isArray(body.stages)) throw DbError.invalidParam('stages must be an array')
    const stages = body.stages.map((stage, i) => {
      if (!isPlainObject(stage) || typeof stage.stageKey !== 'string' || !stage.stageKey.startsWith('$')) {
        throw DbError.invalidParam(`stage ${i} is malformed`)
      }
      return { [stage.stageKey]: resolveServerDates(parseWire(stage.stageValue, `stage ${stage.stageKey}`), Date.now()) }
    })
    const limits = stages.filter((s) => '$limit' in s).map((s) => Number(s.$limit))
    const asked = limits.length > 0 ? Math.min(...limits) : undefined
    const cap = asked === undefined ? this.limits.aggregateDefaultLimit : this.limits.maxAggregateLimit
    // A leading $match is served as a query is (the pipeline still applies it to the candidates).
    const leading = stages[0] && '$match' in stages[0] && isPlainObject(stages[0].$match) ? (stages[0].$match as Record<string, unknown>) : null
    const plan = leading ? coll.plan(leading) : { index: null, docs: coll.docs.values() }
    const input = [...plan.docs].map(clone)
    const out = aggregate(input, stages.map((stage) => this.plannedLookup(stage, observe)), {
      collection: (name) => [...this.store.get(name).docs.values()].map(clone),
    })
    const matched = leading ? input.filter(compileQuery(leading)).length : input.length
    const unfiltered = leading ? isUnfiltered(leading) : !stages.some((stage) => '$match' in stage || '$geoNear' in stage)
    this.noteScan(coll, { request: 'aggregate', index: plan.index, examined: input.length, matched, unfiltered }, body.stages, observe)
    if (observe) {
      const query = shorten(body.stages)
      if (limits.some((n) => n > cap)) observe({ kind: 'over-cap', request: 'aggregate', collection: coll.name, requested: Math.max(...limits), cap, query })
      if (out.length > cap) observe({ kind: 'cut', request: 'aggregate', collection: coll.name, requested: asked, cap, query })
    }
    return { data: { list: out.slice(0, cap).map(toReply) } }
  }

  /**
   * A $lookup whose sub-pipeline begins with a $match that names no variable of the outer
   * document is served as MongoDB serves it: that $match's candidates come from the joined
   * collection's index (and the scan is noted, as a query's is); the pipeline still applies the
   * $match. Other lookups see the whole collection, as before.
   */
  private plannedLookup(stage: Record<string, unknown>, observe?: ReadObserver): Record<string, unknown> {
    const spec = stage.$lookup
    if (!isPlainObject(spec) || typeof spec.from !== 'string' || !Array.isArray(spec.pipeline)) return stage
    const pipeline = (spec.pipeline as Record<string, unknown>[]).map((inner) => this.plannedLookup(inner, observe))
    const first = pipeline[0]
    const match = first && isPlainObject(first.$match) ? (first.$match as Record<string, unknown>) : null
    if (!match || JSON.stringify(match).includes('$expr')) return { $lookup: { ...spec, pipeline } }
    const coll = this.store.get(spec.from)
    const plan = coll.plan(match)
    const docs = [...plan.docs].map(clone)
    const matched = docs.filter(compileQuery(match)).length
    this.noteScan(coll, { request: 'aggregate', index: plan.index, examined: docs.length, matched, unfiltered: isUnfiltered(match) }, pipeline, observe)
    return { $lookup: { ...spec, from: docs, pipeline } }
  }

  // ---- transactions ---------------------------------------------------------------
  //
  // As on the platform (WeChat's transaction guide: 快照隔离), which is MongoDB's snapshot
  // isolation: every read sees the database as of the transaction's first operation, and its own
  // writes; a write locks the document until the transaction ends; a write to a document that
  // another open transaction has written, or that changed after the snapshot, fails at once with
  // DATABASE_TRANSACTION_CONFLICT and, as in MongoDB, aborts the transaction; plain writes to a
  // locked document wait (see `plainWrite`). An ended or expired transaction is TransactionNotExist.

  private begin(): string {
    const id = `txn-${newDocId()}`
    let end!: () => void
    const ended = new Promise<void>((resolve) => (end = resolve))
    const lifetime = setTimeout(() => this.end(id), this.limits.transactionLifetimeMs)
    lifetime.unref()
    this.transactions.set(id, { id, snapshot: null, writes: new Map(), lifetime, ended, end })
    return id
  }

  /** The open transaction with this id; its first operation fixes its snapshot. */
  private txn(id: string): Transaction & { snapshot: number } {
    const txn = this.transactions.get(id)
    if (!txn) throw DbError.transactionNotExist(this.limits.transactionLifetimeMs / 1000)
    txn.snapshot ??= this.store.openSnapshot()
    return txn as Transaction & { snapshot: number }
  }

  private requireTxnId(body: Body): string {
    if (typeof body.transactionId !== 'string' || !body.transactionId) throw DbError.invalidParam('transactionId is required')
    return body.transactionId
  }

  /** Ends a transaction without applying its writes: releases its locks and its snapshot. */
  private end(id: string): void {
    const txn = this.transactions.get(id)
    if (!txn) return
    this.transactions.delete(id)
    clearTimeout(txn.lifetime)
    for (const key of txn.writes.keys()) if (this.locks.get(key) === id) this.locks.delete(key)
    if (txn.snapshot !== null) this.store.closeSnapshot(txn.snapshot)
    txn.end()
  }

  /** A document as the transaction sees it: its own write, else the document at its snapshot. */
  private txnRead(txn: Transaction & { snapshot: number }, collection: string, key: string): Doc | null {
    const own = txn.writes.get(docKey(collection, key))
    if (own) return own.doc ? clone(own.doc) : null
    const doc = this.store.get(collection).readAt(key, txn.snapshot)
    return doc ? clone(doc) : null
  }

  /**
   * Records a write of the transaction and takes the document's lock. A document another open
   * transaction has locked, or one committed after this transaction's snapshot, is a write
   * conflict, reported by this write (其它事务的写入会直接失败). It ends the transaction, as a
   * write conflict aborts a MongoDB transaction: the SDK's runTransaction does not roll back
   * before retrying, and the conflicting transaction keeps no locks.
   */
  private txnWrite(txn: Transaction & { snapshot: number }, collection: string, key: string, doc: Doc | null): void {
    const coll = this.store.get(collection)
    const lock = docKey(collection, key)
    const holder = this.locks.get(lock)
    if ((holder !== undefined && holder !== txn.id) || (coll.versions.get(key) ?? 0) > txn.snapshot) {
      this.end(txn.id)
      throw DbError.transactionConflict()
    }
    if (doc) {
      this.checkSize(doc)
      // Unique indexes refuse the write now, as on the platform, not at commit.
      const batch: Mutation[] = [...txn.writes.values()].filter((w) => w.collection === collection && w.key !== key).map((w) => ({ collection, id: w.key, doc: w.doc }))
      this.store.validate([...batch, { collection, id: key, doc }])
    }
    txn.writes.set(lock, { collection, key, doc })
    this.locks.set(lock, txn.id)
  }

  private async commit(txn: Transaction): Promise<void> {
    const mutations: Mutation[] = [...txn.writes.values()].map((w) => ({ collection: w.collection, id: w.key, doc: w.doc }))
    try {
      await this.store.commit(mutations)
    } finally {
      this.end(txn.id)
    }
  }

  private txnGet(txn: Transaction & { snapshot: number }, body: Body): Body {
    if (body.queryType !== 'DOC') throw DbError.invalidParam('only doc().get() is supported in a transaction')
    const name = this.collectionName(body)
    this.store.get(name)
    const doc = this.txnRead(txn, name, idKey(this.docIdOf(body)))
    return { data: { list: doc ? [toReply(doc)] : [] } }
  }

  private txnInsert(txn: Transaction & { snapshot: number }, body: Body): Body {
    const coll = this.collection(body)
    const now = Date.now()
    const docs = this.insertPayload(body).map((raw) => this.newDocument(raw, now))
    for (const doc of docs) {
      const key = idKey(doc._id)
      if (this.txnRead(txn, coll.name, key)) throw DbError.duplicateKey(coll.name, '_id_', JSON.stringify({ _id: doc._id }))
      this.txnWrite(txn, coll.name, key, doc)
    }
    return { data: { insertedIds: docs.map((d) => idText(d._id)) } }
  }

  private txnModify(txn: Transaction & { snapshot: number }, body: Body): Body {
    if (body.queryType !== 'DOC') throw DbError.invalidParam('only doc().set() and doc().update() are supported in a transaction')
    const coll = this.collection(body)
    const id = this.docIdOf(body)
    const key = idKey(id)
    const data = this.parseObject(body.data, 'data')
    const now = Date.now()
    const current = this.txnRead(txn, coll.name, key)
    if (body.merge === false) {
      this.txnWrite(txn, coll.name, key, { ...resolveServerDates(data, now), _id: id } as Doc)
      return { data: { updated: current ? 1 : 0, ...(current ? {} : { upsert_id: idText(id) }) } }
    }
    if (!current) return { data: { updated: 0 } }
    const next = applyUpdate(current, resolveServerDates(this.modifier(data), now))
    if (isDeepStrictEqual(next, current)) return { data: { updated: 0 } }
    this.txnWrite(txn, coll.name, key, next)
    return { data: { updated: 1 } }
  }

  private txnRemove(txn: Transaction & { snapshot: number }, body: Body): Body {
    if (body.queryType !== 'DOC') throw DbError.invalidParam('only doc().remove() is supported in a transaction')
    const coll = this.collection(body)
    const key = idKey(this.docIdOf(body))
    const existed = this.txnRead(txn, coll.name, key) !== null
    if (existed) this.txnWrite(txn, coll.name, key, null)
    return { data: { deleted: existed ? 1 : 0 } }
  }

  // ---- helpers --------------------------------------------------------------------

  private collectionName(body: Body): string {
    if (typeof body.collectionName !== 'string' || !body.collectionName) throw DbError.invalidParam('collectionName is required')
    return body.collectionName
  }

  private collection(body: Body): Collection {
    return this.store.get(this.collectionName(body))
  }

  private criteria(body: Body): Record<string, unknown> {
    if (body.query === undefined || body.query === '') return {}
    return resolveServerDates(this.parseObject(body.query, 'query'), Date.now())
  }

  /** The documents a query matches, served as `Collection.plan` says; the plan is noted (see `noteScan`). */
  private match(coll: Collection, criteria: Record<string, unknown>, how: { request: QueryRequest; query: unknown; observe?: ReadObserver }): Doc[] {
    const test = this.compiledQuery(criteria, how.query)
    const plan = coll.plan(criteria)
    const out: Doc[] = []
    let examined = 0
    for (const doc of plan.docs) {
      examined++
      if (test(doc)) out.push(doc)
    }
    this.noteScan(coll, { request: how.request, index: plan.index, examined, matched: out.length, unfiltered: isUnfiltered(criteria) }, how.query, how.observe)
    return out
  }

  /**
   * The compiled test of a query, kept by its wire text: functions send the same queries again
   * and again (a user by openid, a document by id), and compiling is most of a small read's cost.
   * Not kept when the query's meaning depends on the moment (server dates, $$NOW) or a regular
   * expression (one with the g flag carries state from one test to the next).
   */
  private compiledQuery(criteria: Record<string, unknown>, wire: unknown): (doc: Doc) => boolean {
    const key = typeof wire === 'string' && !/\$tcb_server_date|\$\$NOW|\$regularExpression|\$regex/.test(wire) ? wire : null
    if (key === null) return compileQuery(criteria)
    let test = this.compiled.get(key)
    if (!test) {
      test = compileQuery(criteria)
      if (this.compiled.size >= COMPILED_QUERIES_KEPT) this.compiled.delete(this.compiled.keys().next().value!)
      this.compiled.set(key, test)
    }
    return test
  }

  /** Keeps how a query was served; a full scan of a large collection that a query's conditions asked for is reported to the observer. */
  private noteScan(coll: Collection, scan: Pick<ScanRecord, 'request' | 'index' | 'examined' | 'matched' | 'unfiltered'>, wire: unknown, observe?: ReadObserver): void {
    const query = shorten(wire)
    if (this.scans.length >= 1000) this.scans.shift()
    this.scans.push({ ...scan, collection: coll.name, large: coll.large, query })
    if (coll.large && scan.index === null && !scan.unfiltered && observe) {
      observe({ kind: 'unindexed-scan', request: scan.request, collection: coll.name, query, examined: scan.examined, matched: scan.matched })
    }
  }

  private docIdOf(body: Body): DocId {
    const id = this.parseObject(body.query, 'query')._id
    if (id instanceof ObjectId) return id
    if (typeof id !== 'string' && typeof id !== 'number') throw DbError.invalidParam('a document id is required')
    return String(id)
  }

  private legacyId(body: Body): DocId {
    if (typeof body._id !== 'string' && typeof body._id !== 'number') throw DbError.invalidParam('_id is required')
    return String(body._id)
  }

  private parseObject(text: unknown, what: string): Record<string, unknown> {
    const value = parseWire(text, what)
    if (!isPlainObject(value)) throw DbError.invalidParam(`${what} must be an object`)
    return value
  }

  private parseOrder(text: unknown): Record<string, 1 | -1> {
    const value = parseWire(text, 'order')
    // Older SDKs send [{field, direction}]; this one sends {field: 1 | -1}.
    const entries = Array.isArray(value)
      ? value.map((o) => (isPlainObject(o) ? [o.field, o.direction === 'desc' ? -1 : 1] : [undefined, 1]))
      : isPlainObject(value)
        ? Object.entries(value)
        : null
    if (!entries) throw DbError.invalidParam('order must be an object')
    const order: Record<string, 1 | -1> = {}
    for (const [field, dir] of entries) {
      if (typeof field !== 'string' || (dir !== 1 && dir !== -1)) throw DbError.invalidParam('order is malformed')
      order[field] = dir
    }
    return order
  }

  private modifier(data: Record<string, unknown>): Record<string, unknown> {
    // A plain object in merge mode means "set these fields".
    return isOperatorUpdate(data) ? data : { $set: data }
  }

  private insertPayload(body: Body): Record<string, unknown>[] {
    const items = Array.isArray(body.data) ? body.data : [body.data]
    if (items.length === 0) throw DbError.invalidParam('data must not be empty')
    return items.map((item, i) => {
      const value = parseWire(item, `data[${i}]`)
      if (!isPlainObject(value)) throw DbError.invalidParam(`data[${i}] must be an object`)
      return value
    })
  }

  private newDocument(raw: Record<string, unknown>, now: number): Doc {
    const data = resolveServerDates(raw, now)
    if (Object.keys(data).some((k) => k.startsWith('$'))) throw DbError.invalidParam('field names must not start with $')
    const given = data._id === undefined ? newDocId() : data._id
    if (!(given instanceof ObjectId) && typeof given !== 'string' && typeof given !== 'number') throw DbError.invalidParam('_id must be a string, a number or an ObjectId')
    const id = given instanceof ObjectId ? given : String(given)
    if (typeof id === 'string' && isReservedIdKey(id)) throw DbError.invalidParam('_id must not start with a NUL character')
    const doc = { ...data, _id: id } as Doc
    this.checkSize(doc)
    return doc
  }

  private nonNegativeInt(value: unknown, what: string): number | undefined {
    if (value === undefined || value === null) return undefined
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) throw DbError.invalidParam(`${what} must be a non-negative integer`)
    return value
  }

  private checkSize(doc: Doc): void {
    if (documentBytes(doc) > this.limits.maxDocumentBytes) {
      throw new DbError('DATABASE_DOCUMENT_TOO_LARGE', `document exceeds the ${this.limits.maxDocumentBytes} byte limit`)
    }
  }
}

/** A query or pipeline as the SDK sent it, short enough for a report line. */
function shorten(wire: unknown): string {
  const text = typeof wire === 'string' ? wire : JSON.stringify(wire ?? {})
  return text.length > 300 ? `${text.slice(0, 299)}…` : text
}
