// Types for the parts of the wx-server-sdk database API we use. The SDK's own declarations
// mix callback and promise styles (`Promise<R> | void | string`); these say what it returns
// when awaited, with the document type carried through.

/** Field values in queries and updates may be plain values or SDK commands (`_.inc(1)`, …). */
export type Criteria = Record<string, unknown>
export type UpdateData<T> = { [K in keyof T]?: unknown } & Record<string, unknown>

export interface Query<T> {
  where(criteria: Criteria | unknown): Query<T>
  orderBy(field: string, direction: 'asc' | 'desc'): Query<T>
  skip(n: number): Query<T>
  limit(n: number): Query<T>
  field(projection: Record<string, boolean>): Query<T>
  get(): Promise<{ data: T[] }>
  count(): Promise<{ total: number }>
  update(options: { data: UpdateData<T> }): Promise<{ stats: { updated: number } }>
  remove(): Promise<{ stats: { removed: number } }>
}

export interface DocumentRef<T> {
  field(projection: Record<string, boolean>): DocumentRef<T>
  get(): Promise<{ data: T | null }>
  set(options: { data: Omit<T, '_id'> }): Promise<{ _id: string; stats: { updated: number; created: number } }>
  update(options: { data: UpdateData<T> }): Promise<{ stats: { updated: number } }>
  remove(): Promise<{ stats: { removed: number } }>
}

export interface Aggregate {
  match(criteria: Criteria | unknown): Aggregate
  group(spec: Record<string, unknown>): Aggregate
  project(spec: Record<string, unknown>): Aggregate
  addFields(spec: Record<string, unknown>): Aggregate
  sort(spec: Record<string, 1 | -1>): Aggregate
  skip(n: number): Aggregate
  limit(n: number): Aggregate
  unwind(spec: string | Record<string, unknown>): Aggregate
  lookup(spec: Record<string, unknown>): Aggregate
  count(field: string): Aggregate
  end<R = Record<string, unknown>>(): Promise<{ list: R[] }>
}

/** A pipeline built with `$.pipeline()` for a `$lookup`'s sub-pipeline: its stages, as `done()` gives them. */
export type LookupPipeline = Aggregate & { done(): unknown }

export interface Collection<T> extends Query<T> {
  doc(id: string): DocumentRef<T>
  add(options: { data: Omit<T, '_id'> | T }): Promise<{ _id: string }>
  /** Many documents in one request. */
  add(options: { data: (Omit<T, '_id'> | T)[] }): Promise<{ _ids: string[] }>
  aggregate(): Aggregate
}

export interface TransactionCollection<T> {
  doc(id: string): DocumentRef<T>
  add(options: { data: Omit<T, '_id'> | T }): Promise<{ _id: string }>
}

export interface Transaction {
  collection<T = Record<string, unknown>>(name: string): TransactionCollection<T>
  rollback(reason?: unknown): Promise<void>
  commit(): Promise<void>
}

export interface Db {
  collection<T = Record<string, unknown>>(name: string): Collection<T>
  // The command builders are used as untyped values (`_.inc(1)`, `_.in([...])`).
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  command: any
  serverDate(options?: { offset?: number }): unknown
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  Geo: any
  RegExp(options: { regexp: string; options?: string }): unknown
  runTransaction<R>(callback: (tx: Transaction) => Promise<R>, times?: number): Promise<R>
  startTransaction(): Promise<Transaction>
}
