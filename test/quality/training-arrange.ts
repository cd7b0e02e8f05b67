// Trainings arranged for the authorization matrix, the fuzzer and the transitions: a course of the
// city or a county with a session (today or next week), people signed up, an online course done.
import { EJSON } from 'bson'
import type { AppCloud } from '../support/app'
import { volunteerForm } from '../support/people'

type Must = <T = unknown>(openid: string, name: never, input: unknown) => Promise<T>
export interface TrainingEnv {
  app: AppCloud
  must: Must
  fresh(): string
  /** Replays what an arrangement wrote on the snapshot as restored (the matrix: test/support/replay.ts). */
  replay?<T>(key: string, arrange: () => Promise<T>): Promise<T>
}
const replayed = <T>(env: TrainingEnv, key: string, arrange: () => Promise<T>): Promise<T> => (env.replay ? env.replay(key, arrange) : arrange())

const CITY = 'o_demo_city'
const ADMIN_OF: Record<string, string> = { '': CITY, '441802': 'o_demo_county', '441803': 'o_q_county2' }
const TOWNSHIP_OF: Record<string, string> = { '441802': '441802006', '441803': '441803102' }
const day = (offset: number) => new Date(Date.now() + 8 * 3600_000 + offset * 86400_000).toISOString().slice(0, 10)
const call = <T>(env: TrainingEnv, openid: string, name: string, input: unknown) => env.must<T>(openid, name as never, input)

/** A published course of `county` ('' the city's) for volunteers and rural youth, with one session next week, open for sign-up. */
export async function trainingSession(env: TrainingEnv, county = '', options: { publish?: boolean; today?: boolean } = {}): Promise<{ courseId: string; sessionId: string }> {
  return replayed(env, `trainingSession:${county}:${JSON.stringify(options)}`, async () => {
    const admin = ADMIN_OF[county]
    const c = await call<{ id: string }>(env, admin, 'training.save', { title: '矩阵培训课程', kind: 'practice', audience: 'both', department: '团市委', countyCode: county })
    const s = await call<{ id: string }>(env, admin, 'training.saveSession', {
      courseId: c.id,
      title: '矩阵场次',
      date: day(7),
      startTime: '09:00',
      endTime: '11:00',
      venue: '青少年宫',
      address: '北江一路 8 号',
      capacity: 20,
      signupOpensAt: `${day(-1)} 09:00`,
      signupClosesAt: `${day(6)} 18:00`,
    })
    if (options.publish !== false) await call(env, admin, 'training.setStatus', { id: c.id, status: 'published' })
    return { courseId: c.id, sessionId: s.id }
  })
}

/** Moves a session to today, all day (check-in and attendance open), sign-up closed. */
export async function sessionToday(app: AppCloud, sessionId: string): Promise<void> {
  const start = new Date(`${day(0)}T00:00:00+08:00`)
  const end = new Date(`${day(0)}T23:59:00+08:00`)
  await app.cloud.db.handle('database.modifyDocument', {
    collectionName: 'training_sessions',
    queryType: 'DOC',
    query: JSON.stringify({ _id: sessionId }),
    data: EJSON.stringify({ $set: { date: day(0), startTime: '00:00', endTime: '23:59', startsAt: start, endsAt: end } }, { relaxed: false }),
    merge: true,
  })
}

/** A fresh approved volunteer of `county` (approved by its admin): their openid. */
export async function learnerIn(env: TrainingEnv, county: string): Promise<string> {
  const openid = env.fresh()
  const reg = await call<{ id: string }>(env, openid, 'registration.submitVolunteer', volunteerForm({ countyCode: county, townshipCode: TOWNSHIP_OF[county] }))
  await call(env, ADMIN_OF[county], 'registration.review', { ids: [reg.id], decision: 'approve' })
  return openid
}

/** A session of `county`, today, with a learner of that county signed up: the session and the sign-up. */
export async function attendedSession(env: TrainingEnv, county: string): Promise<{ sessionId: string; signupId: string; learner: string }> {
  return replayed(env, `attendedSession:${county}`, async () => {
    const { sessionId } = await trainingSession(env, county)
    const learner = county ? await learnerIn(env, county) : 'o_demo_volunteer'
    const r = await call<{ session: { mine: { id: string } } }>(env, learner, 'training.signUp', { sessionId })
    await sessionToday(env.app, sessionId)
    return { sessionId, signupId: r.session.mine.id, learner }
  })
}

/** A published online course of the city with two parts: its id and parts. */
export async function onlineCourse(env: TrainingEnv): Promise<{ courseId: string; parts: string[] }> {
  return replayed(env, 'onlineCourse', async () => {
    const c = await call<{ id: string }>(env, CITY, 'training.save', { title: '矩阵线上课程', kind: 'online', audience: 'both', department: '团市委', parts: [{ title: '第一课', minutes: 20 }, { title: '第二课', minutes: 25 }] })
    await call(env, CITY, 'training.setStatus', { id: c.id, status: 'published' })
    const got = await call<{ course: { parts: { id: string }[] } }>(env, CITY, 'training.get', { id: c.id })
    return { courseId: c.id, parts: got.course.parts.map((p) => p.id) }
  })
}

/** `openid` completes an online course: the course and the certificate's code. */
export async function completedCourse(env: TrainingEnv, openid: string): Promise<{ courseId: string; code: string }> {
  return replayed(env, `completedCourse:${openid}`, async () => {
    const { courseId, parts } = await onlineCourse(env)
    for (const partId of parts) await call(env, openid, 'training.completePart', { courseId, partId })
    const cert = await call<{ code: string }>(env, openid, 'training.certificate', { courseId })
    return { courseId, code: cert.code }
  })
}
