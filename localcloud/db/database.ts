// The `database.*` actions of the platform, as the query builder of @cloudbase/database
// sends them and reads their replies (see its src/{collection,query,document,aggregate,
// transaction}.ts). Every reply is the `data` part; the server adds the requestId.
import { aggregate, applyUpdate, compileQuery, isOperatorUpdate, nearSort, project, sortDocs } from './engine'
import { DbError } from './errors'
import type { Collection, Mutation, Store } from './store'
import { clone, documentBytes, isPlainObject, newDocId, parseWire, resolveServerDates, toWire, type Doc } from './values'
import { isDeepStrictEqual } from 'node:util'

export interface DatabaseLimits {
  /** Documents one get() returns at most in a cloud function. */
  maxGetLimit: number
  /** Documents an aggregation returns when its pipeline has no $limit. */
  aggregateDefaultLimit: number
  /** Largest document, in bytes. */
  maxDocumentBytes: number
  /** A transaction idle this long is aborted and its locks released. */
  transactionIdleMs: number
}

export const PLATFORM_LIMITS: DatabaseLimits = {
  // The reference says 1000 for cloud functions, but the platform returns at most 100 per call
  // (reported and reproduced in the developer community); we follow the platform.
  maxGetLimit: 100,
  // aggregate().end() without .limit() returns 20 documents on the platform.
  aggregateDefaultLimit: 20,
  // MongoDB's BSON document limit, which the platform inherits.
  maxDocumentBytes: 16 * 1024 * 1024,
  transactionIdleMs: 10_000,
}

type Body = Record<string, unknown>

interface TxnWrite {
  collection: string
  id: string
  doc: Doc | null
  /** Version of the committed document when the transaction first wrote it. */
  baseVersion: number
}

interface Transaction {
  id: string
  startSeq: number
  writes: Map<string, TxnWrite>
  /** Documents as the transaction first read them: later reads repeat them (snapshot reads). */
  reads: Map<string, { doc: Doc | null; version: number }>
  idleTimer: NodeJS.Timeout
  /** Set when a write conflicted; the commit then fails with DATABASE_TRANSACTION_CONFLICT. */
  conflict: string | null
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

const docKey = (collection: string, id: string) => `${collection}\u0000${id}`

export class DatabaseService {
  private readonly transactions = new Map<string, Transaction>()
  /** Which transaction holds the write lock of each document. */
  private readonly locks = new Map<string, string>()

  constructor(
    readonly store: Store,
    readonly limits: DatabaseLimits = PLATFORM_LIMITS,
  ) {}

  async handle(action: string, body: Body): Promise<Body> {
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
        return txnId ? this.txnGet(this.txn(txnId), body) : this.find(body)
      case 'database.calculateDocument':
        return this.count(body)
      case 'database.modifyDocument':
        return txnId ? this.txnModify(this.txn(txnId), body) : this.modify(body)
      case 'database.modifyAndReturnDoc':
        return this.modifyAndReturn(body)
      case 'database.removeDocument':
        return txnId ? this.txnRemove(this.txn(txnId), body) : this.remove(body)
      case 'database.aggregateDocuments':
        return this.aggregate(body)
      case 'database.startTransaction':
        return { transactionId: this.begin() }
      case 'database.commitTransaction':
        await this.commit(this.txn(this.requireTxnId(body)))
        return {}
      case 'database.abortTransaction':
        this.abort(this.requireTxnId(body))
        return {}
      // The first transaction API (db.startTransaction() with transaction.get/set/update/delete).
      case 'database.getInTransaction': {
        const txn = this.txn(this.requireTxnId(body))
        const doc = this.txnRead(txn, this.collectionName(body), this.legacyId(body))
        if (!doc) throw DbError.failed(`document not exist: ${String(body._id)}`)
        return { data: toWire(doc) } as Body
      }
      case 'database.updateDocInTransaction': {
        const txn = this.txn(this.requireTxnId(body))
        const name = this.collectionName(body)
        const id = this.legacyId(body)
        const data = this.parseObject(body.data, 'data')
        const current = this.txnRead(txn, name, id)
        let next: Doc
        let upserted: string | null = null
        if (isOperatorUpdate(data)) {
          if (!current) return { updated: toWire(0), upserted: null } as Body
          next = applyUpdate(current, resolveServerDates(data, Date.now()))
        } else {
          if (!current) upserted = JSON.stringify([{ _id: id }])
          next = { ...resolveServerDates(data, Date.now()), _id: id }
        }
        this.txnWrite(txn, name, id, next)
        return { updated: toWire(current ? 1 : 0), upserted } as Body
      }
      case 'database.deleteDocInTransaction': {
        const txn = this.txn(this.requireTxnId(body))
        const name = this.collectionName(body)
        const id = this.legacyId(body)
        const existed = this.txnRead(txn, name, id) !== null
        if (existed) this.txnWrite(txn, name, id, null)
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

  // ---- plain operations ------------------------------------------------------------

  private async insert(body: Body): Promise<Body> {
    const coll = this.collection(body)
    const now = Date.now()
    const docs = this.insertPayload(body).map((raw) => this.newDocument(raw, now))
    const ids = new Set<string>()
    for (const doc of docs) {
      if (coll.docs.has(doc._id) || ids.has(doc._id)) throw DbError.duplicateKey(coll.name, '_id_', JSON.stringify({ _id: doc._id }))
      ids.add(doc._id)
    }
    await this.store.commit(docs.map((doc) => ({ collection: coll.name, id: doc._id, doc })))
    return { data: { insertedIds: docs.map((d) => d._id) } }
  }

  private find(body: Body): Body {
    const coll = this.collection(body)
    const criteria = this.criteria(body)
    let docs = this.match(coll, criteria)
    if (body.queryType === 'DOC') docs = docs.slice(0, 1)
    const order = body.order !== undefined ? this.parseOrder(body.order) : {}
    const byDistance = nearSort(criteria)
    if (byDistance && Object.keys(order).length === 0) {
      docs = docs.map((doc) => ({ doc, d: byDistance(doc) })).sort((a, b) => a.d - b.d).map((r) => r.doc)
    } else {
      docs = sortDocs(docs, order)
    }
    const offset = this.nonNegativeInt(body.offset, 'offset') ?? 0
    const requested = this.nonNegativeInt(body.limit, 'limit') ?? this.limits.maxGetLimit
    const limit = Math.min(requested || this.limits.maxGetLimit, this.limits.maxGetLimit)
    const page = docs.slice(offset, offset + limit)
    const projection = body.projection !== undefined ? this.parseObject(body.projection, 'projection') : undefined
    return { data: { list: project(page, projection).map(toWire) }, limit, offset }
  }

  private count(body: Body): Body {
    const coll = this.collection(body)
    return { data: { total: this.match(coll, this.criteria(body)).length } }
  }

  private async modify(body: Body): Promise<Body> {
    const coll = this.collection(body)
    const data = this.parseObject(body.data, 'data')
    const now = Date.now()
    const criteria = this.criteria(body)
    const replace = body.merge === false
    if (replace && Object.keys(data).some((k) => k.startsWith('$'))) throw DbError.failed('update operator complicit')
    const modifier = replace ? null : this.modifier(data)
    const targets = this.match(coll, criteria)
    const chosen = body.multi === true ? targets : targets.slice(0, 1)
    const mutations: Mutation[] = []
    for (const current of chosen) {
      const next = modifier
        ? applyUpdate(current, resolveServerDates(modifier, now))
        : ({ ...resolveServerDates(data, now), _id: current._id } as Doc)
      if (isDeepStrictEqual(next, current)) continue
      this.checkSize(next)
      mutations.push({ collection: coll.name, id: current._id, doc: next })
    }
    let upsertId: string | undefined
    if (chosen.length === 0 && body.upsert === true) {
      const id = typeof criteria._id === 'string' ? criteria._id : newDocId()
      const base = { _id: id } as Doc
      const doc = modifier ? applyUpdate(base, resolveServerDates(modifier, now)) : ({ ...resolveServerDates(data, now), _id: id } as Doc)
      this.checkSize(doc)
      mutations.push({ collection: coll.name, id, doc })
      upsertId = id
    }
    await this.store.commit(mutations)
    return { data: { updated: upsertId ? 0 : mutations.length, ...(upsertId ? { upsert_id: upsertId } : {}) } }
  }

  private async modifyAndReturn(body: Body): Promise<Body> {
    const coll = this.collection(body)
    const modifier = this.modifier(this.parseObject(body.data, 'data'))
    const [current] = this.match(coll, this.criteria(body))
    if (!current) return { data: { updated: 0, doc: null } }
    const next = applyUpdate(current, resolveServerDates(modifier, Date.now()))
    this.checkSize(next)
    await this.store.commit([{ collection: coll.name, id: current._id, doc: next }])
    return { data: { updated: 1, doc: toWire(next) } }
  }

  private async remove(body: Body): Promise<Body> {
    const coll = this.collection(body)
    const targets = this.match(coll, this.criteria(body))
    const chosen = body.multi === false || body.queryType === 'DOC' ? targets.slice(0, 1) : targets
    await this.store.commit(chosen.map((doc) => ({ collection: coll.name, id: doc._id, doc: null })))
    return { data: { deleted: chosen.length } }
  }

  private aggregate(body: Body): Body {
    const coll = this.collection(body)
    if (!Array.isArray(body.stages)) throw DbError.invalidParam('stages must be an array')
    const stages = body.stages.map((stage, i) => {
      if (!isPlainObject(stage) || typeof stage.stageKey !== 'string' || !stage.stageKey.startsWith('$')) {
        throw DbError.invalidParam(`stage ${i} is malformed`)
      }
      return { [stage.stageKey]: resolveServerDates(parseWire(stage.stageValue, `stage ${stage.stageKey}`), Date.now()) }
    })
    const hasLimit = stages.some((s) => '$limit' in s)
    const input = [...coll.docs.values()].map(clone)
    let out = aggregate(input, stages, {
      collection: (name) => [...this.store.get(name).docs.values()].map(clone),
    })
    if (!hasLimit) out = out.slice(0, this.limits.aggregateDefaultLimit)
    return { data: { list: out.map(toWire) } }
  }

  // ---- transactions ---------------------------------------------------------------

  private begin(): string {
    const id = `txn-${newDocId()}`
    const txn: Transaction = {
      id,
      startSeq: this.store.nextSeq(),
      writes: new Map(),
      reads: new Map(),
      idleTimer: setTimeout(() => this.abort(id), this.limits.transactionIdleMs),
      conflict: null,
    }
    txn.idleTimer.unref()
    this.transactions.set(id, txn)
    return id
  }

  private txn(id: string): Transaction {
    const txn = this.transactions.get(id)
    if (!txn) throw new DbError('DATABASE_TRANSACTION_FAIL', `transaction not found or already ended: ${id}`)
    txn.idleTimer.refresh()
    return txn
  }

  private requireTxnId(body: Body): string {
    if (typeof body.transactionId !== 'string' || !body.transactionId) throw DbError.invalidParam('transactionId is required')
    return body.transactionId
  }

  private abort(id: string): void {
    const txn = this.transactions.get(id)
    if (!txn) return
    clearTimeout(txn.idleTimer)
    for (const key of txn.writes.keys()) if (this.locks.get(key) === id) this.locks.delete(key)
    this.transactions.delete(id)
  }

  /**
   * A transaction sees its own writes first, then each document as it first read it, so that
   * repeated reads agree and a write computed from a read is checked against that read.
   */
  private txnRead(txn: Transaction, collection: string, id: string): Doc | null {
    const key = docKey(collection, id)
    const own = txn.writes.get(key)
    if (own) return own.doc ? clone(own.doc) : null
    let seen = txn.reads.get(key)
    if (!seen) {
      const coll = this.store.get(collection)
      const doc = coll.docs.get(id)
      seen = { doc: doc ? clone(doc) : null, version: coll.versions.get(id) ?? 0 }
      txn.reads.set(key, seen)
    }
    return seen.doc ? clone(seen.doc) : null
  }

  /**
   * Records a write in the transaction. As in MongoDB, writing a document locked by another
   * open transaction, or changed by anyone since this transaction began, is a write conflict.
   * It is reported when the transaction commits: that is the one conflict wx-server-sdk's
   * runTransaction retries (a conflict returned by an operation surfaces as -501001 and is not
   * retried), so the platform's behaviour, seen from the SDK, is a conflicting commit.
   */
  private txnWrite(txn: Transaction, collection: string, id: string, doc: Doc | null): void {
    const coll = this.store.get(collection)
    const key = docKey(collection, id)
    const holder = this.locks.get(key)
    const version = txn.reads.get(key)?.version ?? coll.versions.get(id) ?? 0
    if (holder && holder !== txn.id) txn.conflict ??= `write conflict on ${collection}/${id}: locked by another transaction`
    else if (version > txn.startSeq) txn.conflict ??= `write conflict on ${collection}/${id}: changed after the transaction began`
    if (doc) this.checkSize(doc)
    const previous = txn.writes.get(key)
    txn.writes.set(key, { collection, id, doc, baseVersion: previous?.baseVersion ?? version })
    if (!holder) this.locks.set(key, txn.id)
  }

  private async commit(txn: Transaction): Promise<void> {
    const mutations: Mutation[] = []
    let conflict = txn.conflict
    for (const write of txn.writes.values()) {
      // A plain write may have changed the document after the transaction wrote it.
      if ((this.store.get(write.collection).versions.get(write.id) ?? 0) !== write.baseVersion) {
        conflict ??= `write conflict on ${write.collection}/${write.id}: changed by another write`
      }
      mutations.push({ collection: write.collection, id: write.id, doc: write.doc })
    }
    try {
      // Aborted here: the SDK starts a new transaction to retry and never aborts this one.
      if (conflict) throw DbError.conflict(conflict)
      await this.store.commit(mutations)
    } finally {
      this.abort(txn.id)
    }
  }

  private txnGet(txn: Transaction, body: Body): Body {
    if (body.queryType !== 'DOC') throw DbError.invalidParam('only doc().get() is supported in a transaction')
    const name = this.collectionName(body)
    this.store.get(name)
    const doc = this.txnRead(txn, name, this.docIdOf(body))
    return { data: { list: doc ? [toWire(doc)] : [] } }
  }

  private txnInsert(txn: Transaction, body: Body): Body {
    const coll = this.collection(body)
    const now = Date.now()
    const docs = this.insertPayload(body).map((raw) => this.newDocument(raw, now))
    for (const doc of docs) {
      if (this.txnRead(txn, coll.name, doc._id)) throw DbError.duplicateKey(coll.name, '_id_', JSON.stringify({ _id: doc._id }))
      this.txnWrite(txn, coll.name, doc._id, doc)
    }
    return { data: { insertedIds: docs.map((d) => d._id) } }
  }

  private txnModify(txn: Transaction, body: Body): Body {
    if (body.queryType !== 'DOC') throw DbError.invalidParam('only doc().set() and doc().update() are supported in a transaction')
    const coll = this.collection(body)
    const id = this.docIdOf(body)
    const data = this.parseObject(body.data, 'data')
    const now = Date.now()
    const current = this.txnRead(txn, coll.name, id)
    if (body.merge === false) {
      this.txnWrite(txn, coll.name, id, { ...resolveServerDates(data, now), _id: id } as Doc)
      return { data: { updated: current ? 1 : 0, ...(current ? {} : { upsert_id: id }) } }
    }
    if (!current) return { data: { updated: 0 } }
    const next = applyUpdate(current, resolveServerDates(this.modifier(data), now))
    if (isDeepStrictEqual(next, current)) return { data: { updated: 0 } }
    this.txnWrite(txn, coll.name, id, next)
    return { data: { updated: 1 } }
  }

  private txnRemove(txn: Transaction, body: Body): Body {
    if (body.queryType !== 'DOC') throw DbError.invalidParam('only doc().remove() is supported in a transaction')
    const coll = this.collection(body)
    const id = this.docIdOf(body)
    const existed = this.txnRead(txn, coll.name, id) !== null
    if (existed) this.txnWrite(txn, coll.name, id, null)
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

  private match(coll: Collection, criteria: Record<string, unknown>): Doc[] {
    const test = compileQuery(criteria)
    const out: Doc[] = []
    for (const doc of coll.candidates(criteria)) if (test(doc)) out.push(doc)
    return out
  }

  private docIdOf(body: Body): string {
    const query = this.parseObject(body.query, 'query')
    if (typeof query._id !== 'string' && typeof query._id !== 'number') throw DbError.invalidParam('a document id is required')
    return String(query._id)
  }

  private legacyId(body: Body): string {
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
    const id = data._id === undefined ? newDocId() : data._id
    if (typeof id !== 'string' && typeof id !== 'number') throw DbError.invalidParam('_id must be a string or a number')
    const doc = { ...data, _id: String(id) } as Doc
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
