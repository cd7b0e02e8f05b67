// Job fairs as the tests set them up: the city admin's form, the form of a fair as viewed (to
// save it again), an employer's staff invited, a volunteer the fairs admit.
import { EJSON } from 'bson'
import type { InputOf, OutputOf } from '../../types'
import { shanghaiDate, shanghaiDateTime } from '../../types/time'
import { ok, type AppCloud } from './app'
import { approvedVolunteer } from './fixture'

const DAY = 86_400_000
const dateIn = (days: number) => shanghaiDate(Date.now() + days * DAY)

/**
 * A fair's form: held `inDays` days from now (10) at the youth palace, 09:00–12:00, sign-up open
 * since an hour ago until 18:00 the day before; ten places for volunteers whose term ends within
 * 180 days, two positions each; both demo employers invited.
 */
export function fairForm(overrides: Partial<InputOf<'fair.save'>> = {}, inDays = 10): InputOf<'fair.save'> {
  return {
    title: '乡村振兴志愿者岗位对接会',
    date: dateIn(inDays),
    startTime: '09:00',
    endTime: '12:00',
    venue: '清远市青少年宫',
    address: '清城区北江一路 8 号',
    signupOpensAt: shanghaiDateTime(Date.now() - 3600_000),
    signupClosesAt: `${dateIn(inDays - 1)} 18:00`,
    capacity: 10,
    termEndsWithinDays: 180,
    allowRuralYouth: false,
    maxPositions: 2,
    employerIds: ['e_qy_city_invest', 'e_lvyuan_agri'],
    ...overrides,
  }
}

/** The form of a fair as viewed, to save it again (with changes). */
export function formOf(f: OutputOf<'fair.get'>['fair']): InputOf<'fair.save'> {
  return {
    id: f.id,
    title: f.title,
    date: f.date,
    startTime: f.startTime,
    endTime: f.endTime,
    venue: f.venue,
    address: f.address,
    signupOpensAt: shanghaiDateTime(f.signupOpensAt),
    signupClosesAt: shanghaiDateTime(f.signupClosesAt),
    capacity: f.capacity,
    termEndsWithinDays: f.termEndsWithinDays,
    allowRuralYouth: f.allowRuralYouth,
    maxPositions: f.maxPositions,
    employerIds: f.employers.map((e) => e.id),
  }
}

/** `openid` joins the staff of employer `scopeId`, by the city admin's invitation. */
export async function inviteEmployer(app: AppCloud, openid: string, scopeId: string): Promise<void> {
  const invitation = ok(await app.call('o_demo_city', 'grants.createInvitation', { role: 'employer', scopeId }))
  ok(await app.call(openid, 'grants.redeemInvitation', { code: invitation.code, name: '李受邀' }))
}

/** `openid` a volunteer the fairs admit (their term ends in 30 days), approved by 清城区: the registration's id. */
export const admittedVolunteer = (app: AppCloud, openid: string): Promise<string> => approvedVolunteer(app, openid, 'o_demo_county', { termStart: '2024-07-01', termEnd: dateIn(30) })

/** Sets fields of a document straight in the store (arranging a moment the functions would reach later: the day, a count). */
export async function setFields(app: AppCloud, collection: string, id: string, set: Record<string, unknown>): Promise<void> {
  await app.cloud.db.handle('database.modifyDocument', { collectionName: collection, queryType: 'DOC', query: JSON.stringify({ _id: id }), data: EJSON.stringify({ $set: set }, { relaxed: false }), merge: true })
}
