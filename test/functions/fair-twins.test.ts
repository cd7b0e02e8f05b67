// A save sent twice in the same millisecond (a double tap, a retried request) writes values the
// document holds already: the database then counts nothing updated (the platform, like the local
// cloud, counts changed documents only). That is no conflict: each save below, sent twice at one
// instant (in turn and at once), is answered as saved both times, and told or logged once. The
// fair function runs here with its clock held at the instant each call names (fair-twins.fixture.ts).
import path from 'node:path'
import { ok, startDemoCloud, type AppCloud } from '../support/app'
import { deployStill, stillCall, twins as twinsOf } from '../support/twins'
import { readyRaceControl } from '../support/fixture'
import { admittedVolunteer, fairForm, formOf, inviteEmployer, setFields } from '../support/fairs'
import { shanghaiDate } from '../../types/time'
import type { InputOf, OutputOf } from '../../types'

let app: AppCloud
const CITY = 'o_demo_city'
const EMPLOYER = 'o_demo_employer' // e_qy_city_invest
const EMPLOYER2 = 'o_twins_lvyuan' // e_lvyuan_agri, invited below

beforeAll(async () => {
  app = await startDemoCloud({ withProbe: true })
  await readyRaceControl(app, 0)
  // The fair function, as deployed, with the clock the fixture holds when a call names an instant.
  await deployStill(app, 'fair', path.resolve(__dirname, 'fair-twins.fixture.ts'))
  await inviteEmployer(app, EMPLOYER2, 'e_lvyuan_agri')
}, 120_000)
afterAll(async () => {
  await app?.close()
})

const still = <A extends Parameters<AppCloud['call']>[1]>(at: number, openid: string, name: A, input: InputOf<A>) => stillCall(app, at, openid, name, input)
const twins = <A extends Parameters<AppCloud['call']>[1]>(openid: string, name: A, input: InputOf<A>) => twinsOf(app, openid, name, input)
const refusals = (answers: { ok: boolean }[]) => answers.filter((a) => !a.ok)

async function newFair(): Promise<OutputOf<'fair.get'>['fair']> {
  const f = ok(await app.call(CITY, 'fair.save', fairForm({ title: '同一毫秒对接会' })))
  return ok(await app.call(CITY, 'fair.setStatus', { id: f.id, status: 'published' }))
}

test('the control: an update with the values a document holds counts nothing updated, so reading 0 as "someone else won" refuses a twin', async () => {
  const refused = await app.probe<number>(`
    const at = new Date()
    await db.collection('race_control').add({ data: { _id: 'twin', name: '旧名', updatedAt: at } })
    let refused = 0
    for (let i = 0; i < 2; i++) {
      const { stats } = await db.collection('race_control').where({ _id: 'twin' }).update({ data: { name: '新名', updatedAt: new Date(at.getTime() + 1) } })
      if (stats.updated !== 1) refused++
    }
    return refused
  `)
  expect(refused).toBe(1)
})

test('an employer, a position and a fair (its capacity) saved twice at one instant: every save answered as saved', async () => {
  const employer = await twins(CITY, 'fair.saveEmployer', { id: 'e_lvyuan_agri', name: '清远市绿源农业科技股份有限公司', type: 'private', countyCode: '441802' })
  expect(refusals(employer)).toEqual([])
  expect(employer.every((a) => a.ok && a.data.name === '清远市绿源农业科技股份有限公司')).toBe(true)

  const f = await newFair()
  const position = ok(await app.call(EMPLOYER, 'fair.savePosition', { fairId: f.id, employerId: 'e_qy_city_invest', title: '乡村振兴项目专员', openings: 2, place: '清城区', requirements: '熟悉农村工作', salaryMinFen: 500_000, salaryMaxFen: 800_000, contactName: '何经理', contactPhone: '0763-3388123' }))
  const edit = { id: position.id, fairId: f.id, employerId: 'e_qy_city_invest', title: '乡村振兴项目主管', openings: 3, place: '清城区', requirements: '熟悉农村工作', salaryMinFen: 600_000, salaryMaxFen: 900_000, contactName: '何经理', contactPhone: '0763-3388123' }
  const positions = await twins(EMPLOYER, 'fair.savePosition', edit)
  expect(refusals(positions)).toEqual([])
  expect(positions.every((a) => a.ok && a.data.title === '乡村振兴项目主管' && a.data.openings === 3)).toBe(true)
  // Another employer's staff still may not take it over, whatever the update counts.
  expect(await still(Date.now(), EMPLOYER2, 'fair.savePosition', { ...edit, employerId: 'e_lvyuan_agri' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: '只能修改本单位的岗位' } })

  // One seat taken, so the capacity rule is in play: 5 keeps it, twice at one instant.
  const volunteer = 'o_twins_volunteer'
  await admittedVolunteer(app, volunteer)
  ok(await app.call(volunteer, 'fair.signUp', { fairId: f.id, positionIds: [position.id], shareResume: true }))
  const fields = formOf(f)
  const capacity = await twins(CITY, 'fair.save', { ...fields, capacity: 5 })
  expect(refusals(capacity)).toEqual([])
  expect(capacity.every((a) => a.ok && a.data.capacity === 5 && a.data.confirmed === 1)).toBe(true)
  // Logged once an instant: by the save that changed the fair, not by its twins.
  expect([...app.cloud.store.get('audit').docs.values()].filter((e) => e.action === 'fair.update' && e.targetId === f.id)).toHaveLength(2)
  // Below the seats taken is still refused, with the count.
  await setFields(app, 'fairs', f.id, { confirmedCount: 3 })
  expect(await still(Date.now(), CITY, 'fair.save', { ...fields, capacity: 2 })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('3') } })
}, 60_000)

test('an outcome recorded twice at one instant: both answered, logged and told once', async () => {
  const f = await newFair()
  const position = ok(await app.call(EMPLOYER, 'fair.savePosition', { fairId: f.id, employerId: 'e_qy_city_invest', title: '村务助理', openings: 1, place: '清城区', requirements: '熟悉农村工作', salaryMinFen: 0, salaryMaxFen: 0, contactName: '何经理', contactPhone: '0763-3388123' }))
  const volunteer = 'o_twins_outcome'
  await admittedVolunteer(app, volunteer)
  const signup = ok(await app.call(volunteer, 'fair.signUp', { fairId: f.id, positionIds: [position.id], shareResume: true })).signup
  // The fair is under way and they came in at the door.
  await setFields(app, 'fairs', f.id, { date: shanghaiDate(Date.now()), startsAt: new Date(Date.now() - 3600_000) })
  ok(await app.call(CITY, 'fair.checkIn', { token: ok(await app.call(volunteer, 'fair.entryCode', { fairId: f.id })).token }))

  const answers = await twins(EMPLOYER, 'fair.recordOutcome', { signupId: signup.id, positionId: position.id, outcome: 'interviewed', note: '下周复试' })
  expect(refusals(answers)).toEqual([])
  expect(answers.every((a) => a.ok && a.data.choices[0].outcome === 'interviewed' && a.data.mobile !== '')).toBe(true)
  const audit = [...app.cloud.store.get('audit').docs.values()].filter((e) => e.targetId === signup.id)
  // One decision per instant it changed something (the first of each batch); every reveal of the mobile logged.
  expect(audit.filter((e) => e.action === 'fair.outcome')).toHaveLength(2)
  expect(audit.filter((e) => e.action === 'pii.read')).toHaveLength(answers.length)
  const userId = ([...app.cloud.store.get('users').docs.values()].find((u) => u.openid === volunteer) as { _id: string })._id
  const told = [...app.cloud.store.get('messages').docs.values()].filter((m) => m.userId === userId && String(m.page).includes(f.id) && String(JSON.stringify(m)).includes('已面试'))
  expect(told).toHaveLength(1)
}, 60_000)
