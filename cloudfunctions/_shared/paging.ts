// Reading past the platform's cap: one get() answers at most 100 documents (asking for more is
// silently cut to 100), so anything that may be longer is read 100 at a time, in a stable order
// (the given field, then _id), until a short page.
import { conflict } from './errors'
import type { Aggregate, Query } from './db-types'

/** The most documents one get() returns on WeChat Cloud. */
export const READ_CAP = 100
/** The most results one aggregation returns on WeChat Cloud, whatever its $limit. */
export const AGGREGATE_CAP = 10_000

/** A query's documents, page by page (each at most READ_CAP), in `order` then _id. */
export async function* pagesOf<T>(query: Query<T>, order: [field: string, direction: 'asc' | 'desc'] = ['_id', 'asc']): AsyncGenerator<T[]> {
  const ordered = order[0] === '_id' ? query.orderBy('_id', order[1]) : query.orderBy(order[0], order[1]).orderBy('_id', 'asc')
  for (let skip = 0; ; skip += READ_CAP) {
    const { data } = await ordered.skip(skip).limit(READ_CAP).get()
    if (data.length > 0) yield data
    if (data.length < READ_CAP) return
  }
}

/**
 * Every document a query matches. More than `max` is refused with `tooMany` (a message that says
 * what to narrow), never cut short without a word.
 */
export async function readAll<T>(query: Query<T>, options: { order?: [string, 'asc' | 'desc']; max?: number; tooMany?: string } = {}): Promise<T[]> {
  const max = options.max ?? 20_000
  const all: T[] = []
  for await (const page of pagesOf(query, options.order)) {
    all.push(...page)
    if (all.length > max) throw conflict(options.tooMany ?? `超过 ${max} 条，请缩小范围后再试`)
  }
  return all
}

/**
 * Every result of an aggregation, AGGREGATE_CAP at a time. `sorted()` builds the pipeline afresh
 * up to a sort that orders its results totally (end it with _id), so the pages neither overlap
 * nor skip; the rest of the pipeline (projection and the like) comes after in `then`.
 */
export async function aggregateAll<T>(
  sorted: () => Aggregate,
  options: { then?: (page: Aggregate) => Aggregate; max?: number; tooMany?: string } = {},
): Promise<T[]> {
  const max = options.max ?? 200_000
  const all: T[] = []
  for (let skip = 0; ; skip += AGGREGATE_CAP) {
    const page = sorted().skip(skip).limit(AGGREGATE_CAP)
    const { list } = await (options.then ? options.then(page) : page).end<T>()
    all.push(...list)
    if (all.length > max) throw conflict(options.tooMany ?? `超过 ${max} 条，请缩小范围后再试`)
    if (list.length < AGGREGATE_CAP) return all
  }
}

/**
 * A page of a query and its true total, read together (the count and the page sent at once): the
 * page in `order` (each field after the one before; end with _id where the fields may tie), at
 * `page` of `pageSize`, with only `fields` when given.
 */
export async function pageWithTotal<T>(
  query: Query<T>,
  order: [field: string, direction: 'asc' | 'desc'][],
  at: { page: number; pageSize: number },
  fields?: Record<string, boolean>,
): Promise<{ total: number; data: T[] }> {
  let ordered = order.reduce((q, [field, direction]) => q.orderBy(field, direction), query).skip((at.page - 1) * at.pageSize).limit(at.pageSize)
  if (fields) ordered = ordered.field(fields)
  const [{ total }, { data }] = await Promise.all([query.count(), ordered.get()])
  return { total, data }
}
