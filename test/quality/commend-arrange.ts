// Commendation rounds and nominations placed straight into a local cloud in any state, for the
// authorization matrix (scenarios.ts) and the transition matrix: what the steps before would have left.
import crypto from 'node:crypto'
import { EJSON } from 'bson'
import type { AppCloud } from '../support/app'
import { allCounties, townshipOf } from '../../cloudfunctions/_shared/divisions'
import { standingOf, type NominationStatus, type RoundStatus } from '../../types/commend-rules'
import { shanghaiDate } from '../../types/time'

const DAY = 86_400_000

async function insert(app: AppCloud, collection: string, ...docs: Record<string, unknown>[]): Promise<void> {
  await app.cloud.db.handle('database.insertDocument', { collectionName: collection, data: docs.map((d) => EJSON.stringify(d, { relaxed: false })) })
}

/** A round in `status`, nominating open today, generous limits. */
export async function arrangeRound(app: AppCloud, status: RoundStatus, limits: Partial<{ perTownship: number; perCounty: number; awards: number }> = {}): Promise<string> {
  const id = `R${crypto.randomBytes(8).toString('hex')}`
  const now = new Date()
  await insert(app, 'commend_rounds', {
    _id: id,
    kind: 'finest',
    title: '矩阵最美志愿者评选',
    year: Number(shanghaiDate(now).slice(0, 4)),
    nominateFrom: shanghaiDate(now.getTime() - DAY),
    nominateTo: shanghaiDate(now.getTime() + 10 * DAY),
    perTownship: limits.perTownship ?? 10,
    perCounty: limits.perCounty ?? 10,
    awards: limits.awards ?? 10,
    criteria: '扎根基层服务满一年，表现突出。',
    status,
    version: 1,
    townshipCounts: Object.fromEntries(allCounties.flatMap((c) => c.townships.map((t) => [`t${t.code}`, 0]))),
    countyCounts: Object.fromEntries(allCounties.map((c) => [`c${c.code}`, 0])),
    awardedCount: 0,
    createdBy: 'city',
    createdAt: now,
    updatedAt: now,
    publishedAt: status === 'published' ? now : null,
  })
  return id
}

/** A nomination of a (made-up) volunteer of `townshipCode` in `status`. */
export async function arrangeNomination(app: AppCloud, roundId: string, townshipCode: string, status: NominationStatus, figures: Partial<{ userId: string; name: string; approvedMinutes: number; star: number; rural: boolean }> = {}): Promise<string> {
  const place = townshipOf(townshipCode)!
  const userId = figures.userId ?? `u${crypto.randomBytes(6).toString('hex')}`
  const f = { approvedMinutes: figures.approvedMinutes ?? 6000, star: figures.star ?? 1, rural: figures.rural ?? true }
  const now = new Date()
  const id = `${roundId}:${userId}`
  await insert(app, 'commend_nominations', {
    _id: id,
    roundId,
    userId,
    registrationId: `${userId}:volunteer`,
    name: figures.name ?? '矩阵志愿者',
    townshipCode,
    townshipName: place.townshipName,
    countyCode: place.countyCode,
    countyName: place.countyName,
    reason: '长期扎根基层，服务群众。',
    ...f,
    termStart: '2025-07-01',
    termEnd: '2027-06-30',
    standing: standingOf(f),
    status,
    nominatedBy: 'staff',
    nominatedByName: '矩阵干事',
    nominatedAt: now,
    reviewReason: '',
    reviewedBy: '',
    reviewedAt: status === 'nominated' ? null : now,
    decisionReason: '',
    decidedBy: '',
    decidedAt: status === 'awarded' || status === 'not_awarded' ? now : null,
    updatedAt: now,
  })
  return id
}
