// The personal-data scan itself: it must see a leak when there is one (a check that cannot
// fail would prove nothing).
import crypto from 'node:crypto'
import { startTestCloud, type TestCloud } from '../support/localcloud'
import { idNumber } from '../support/people'
import { scan, watchPersonalData } from './pii'

const KEY = crypto.randomBytes(32)
const ID = idNumber('441802', '19990909', '135')
let t: TestCloud

beforeAll(async () => {
  t = await startTestCloud({ collections: { users: {}, registrations: {} } })
  // This file leaks on purpose, to show the scan sees leaks: its findings stay out of the report.
  watchPersonalData(t.cloud, KEY, { report: false })
  const index = crypto.createHmac('sha256', KEY).update(`id:${ID}`).digest('hex')
  await t.probe(`
    await db.collection('users').add({ data: [{ _id: 'u_owner', openid: 'o_owner', mobile: '13612345678' }, { _id: 'u_other', openid: 'o_other', mobile: '' }] })
    await db.collection('registrations').add({ data: { userId: 'u_owner', idBlindIndex: '${index}', mobile: '13612345678' } })
  `)
})
afterAll(() => t.close())

test('scan finds clear ID numbers (valid checksum), mobiles and Luhn-valid bank numbers, not masked ones', () => {
  expect(scan(`id ${ID} masked 4418**********1353 phone 13612345678 card 6222020200112233446 order 1234567890123456`)).toEqual([
    { kind: 'id', value: ID },
    { kind: 'mobile', value: '13612345678' },
    { kind: 'bank', value: '6222020200112233446' },
  ])
})

test("a response carrying someone else's ID number or mobile fails the call", async () => {
  await expect(t.probe(`return { leaked: '${ID}' }`, undefined, { openid: 'o_other', source: 'wx_client' })).rejects.toThrow(/personal data leaked by probe\..*id in response to o_other/)
  await expect(t.probe(`return '13612345678'`, undefined, { openid: 'o_other', source: 'wx_client' })).rejects.toThrow(/mobile in response/)
})

test('the owner may see their own', async () => {
  await expect(t.probe(`return { mine: '${ID}', phone: '13612345678' }`, undefined, { openid: 'o_owner', source: 'wx_client' })).resolves.toEqual({ mine: ID, phone: '13612345678' })
})

test('a log line with an ID number fails the call, whoever it belongs to', async () => {
  await expect(t.probe(`console.log('reviewing ${ID}'); return 1`, undefined, { openid: 'o_owner', source: 'wx_client' })).rejects.toThrow(/id in log/)
})
