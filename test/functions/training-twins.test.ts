// A session saved twice in the same millisecond (a double tap, a retried request) writes values the
// session holds already: the database then counts nothing updated. That is no conflict: the save,
// sent twice at one instant (in turn and at once), is answered as saved every time, logged once,
// and only seats above the capacity are refused. The training function runs here with its clock
// held at the instant each call names (training-twins.fixture.ts); the control shows the 0 count.
import path from 'node:path'
import { ok, startDemoCloud, type AppCloud } from '../support/app'
import { storeOf } from '../support/fixture'
import { raceLog } from '../support/race'
import { deployStill, twins as twinsOf } from '../support/twins'
import { trainingSession } from '../quality/training-arrange'
import type { InputOf } from '../../types'

let app: AppCloud
const CITY = 'o_demo_city'
const { docs } = storeOf(() => app)

beforeAll(async () => {
  app = await startDemoCloud({ withProbe: true })
  await deployStill(app, 'training', path.resolve(__dirname, 'training-twins.fixture.ts'))
}, 120_000)
afterAll(async () => {
  await app?.close()
})

/** The same save twice in turn, then `n` times at once, each batch at one instant of its own. */
const twins = (input: InputOf<'training.saveSession'>, n = 4) => twinsOf(app, CITY, 'training.saveSession', input, n)
const problemOf = (a: { ok: boolean; error?: { field?: string; message: string } }) => (a.ok ? undefined : a.error)

const day = (offset: number) => new Date(Date.now() + 8 * 3600_000 + offset * 86400_000).toISOString().slice(0, 10)
// The session as the arrangement made it (test/quality/training-arrange.ts), moved a day and retitled, with `capacity` seats.
const edit = (courseId: string, id: string, capacity: number): InputOf<'training.saveSession'> => ({ id, courseId, title: '矩阵场次（改期）', date: day(8), startTime: '09:30', endTime: '11:30', venue: '青少年宫', address: '北江一路 8 号', capacity, signupOpensAt: `${day(-1)} 09:00`, signupClosesAt: `${day(7)} 18:00` })
const env = () => ({ app, must: async <T>(openid: string, name: never, input: unknown) => ok(await app.call(openid, name, input as never)) as T, fresh: () => `o_twin_${Math.random().toString(36).slice(2)}` })
const audits = (sessionId: string) => docs('audit').filter((a) => a.targetId === sessionId && a.action === 'training.update_session')

test('the control: the same conditional update twice with equal values counts nothing updated the second time (read as a refusal, it refuses a twin)', async () => {
  const { sessionId } = await trainingSession(env(), '', { publish: false })
  const refused = await app.probe<number>(`
    const at = new Date()
    let refused = 0
    for (let i = 0; i < 2; i++) {
      const { stats } = await db.collection('training_sessions').where({ _id: '${sessionId}', confirmedCount: db.command.lte(30) }).update({ data: { capacity: 30, updatedAt: at } })
      if (stats.updated !== 1) refused++
    }
    return refused
  `)
  expect(refused).toBe(1)
})

test('a session saved twice at one instant: every save answered as saved, the change logged once; fewer seats than taken still refused', async () => {
  const { courseId, sessionId } = await trainingSession(env(), '', { publish: false })
  const answers = await twins(edit(courseId, sessionId, 30))
  expect(answers.filter((a) => !a.ok)).toEqual([])
  const saved = docs('training_sessions').find((s) => s._id === sessionId)!
  expect({ title: saved.title, capacity: saved.capacity, date: saved.date }).toEqual({ title: '矩阵场次（改期）', capacity: 30, date: day(8) })
  // One change per instant: the twin at each instant wrote nothing new, so it logs nothing.
  expect(audits(sessionId)).toHaveLength(2)
  raceLog.push({ name: 'training.saveSession twins (refused)', n: answers.length, observed: answers.filter((a) => !a.ok).length, control: 1 })

  // Seats taken above the capacity asked: refused at 容量, naming the seats, and nothing changes.
  await app.probe(`await db.collection('training_sessions').doc('${sessionId}').update({ data: { confirmedCount: 12 } })`)
  const fewer = await twins(edit(courseId, sessionId, 10), 2)
  expect(fewer.map((a) => problemOf(a)?.field)).toEqual(['capacity', 'capacity', 'capacity', 'capacity'])
  expect(problemOf(fewer[0])?.message).toContain('已有 12 人报名成功')
  expect(docs('training_sessions').find((s) => s._id === sessionId)!.capacity).toBe(30)
})
