// The message center (消息): every notice is stored for the person it concerns, whether or not
// WeChat would deliver the subscribe message (which needs the person's accept); paged past the
// platform's 100-document cap, read one by one or all at once, kept a year.
import { ok, startDemoCloud, type AppCloud } from '../support/app'
import { volunteerForm } from '../support/people'

let app: AppCloud
const COUNTY = 'o_demo_county' // 清城区

beforeAll(async () => {
  app = await startDemoCloud({ withProbe: true })
})
afterAll(() => app.close())

const messageDocs = () => [...app.cloud.store.get('messages').docs.values()] as Record<string, any>[]

/** 130 notices for one person, oldest first, a minute apart (as if a year of decisions). */
async function manyNotices(userId: string, n: number, start = Date.now() - n * 60_000) {
  await app.probe(
    `await db.collection('messages').add({ data: args.list.map((m) => ({ ...m, createdAt: new Date(m.createdAt), expiresAt: new Date(m.createdAt + 365 * 86400000), readAt: null })) })`,
    {
      list: Array.from({ length: n }, (_x, i) => ({ userId, template: 'review', title: `通知 ${i + 1}`, tag: '已通过', text: `第 ${i + 1} 条`, page: 'pages/mine/index', createdAt: start + i * 60_000, pushed: 'sent' })),
    },
  )
}

test('a decision reaches everyone it concerns in 消息; the subscribe message goes only to those who accepted it', async () => {
  const people = ['o_msg_1', 'o_msg_2', 'o_msg_3']
  const regs = await Promise.all(people.map(async (who) => ok(await app.call(who, 'registration.submitVolunteer', volunteerForm()))))
  app.cloud.outbox.length = 0
  app.acceptNotices('o_msg_1')
  ok(await app.call(COUNTY, 'registration.review', { ids: regs.map((r) => r.id), decision: 'approve' }))
  expect(app.cloud.outbox.map((m) => m.touser)).toEqual(['o_msg_1'])
  for (const who of people) {
    const me = ok(await app.call(who, 'account.me', {}))
    expect(me.unreadMessages).toBe(1)
    const inbox = ok(await app.call(who, 'account.messages', {}))
    expect(inbox).toMatchObject({ total: 1, unread: 1, items: [{ title: '乡村振兴志愿者注册', tag: '已通过', text: '服务镇街：凤城街道', page: 'pages/mine/index', read: false }] })
  }
  // Each entry records what became of its subscribe message.
  const pushed: Record<string, unknown> = {}
  for (const who of people) {
    const userId = ok(await app.call(who, 'account.me', {})).userId
    pushed[who] = messageDocs().find((m) => m.userId === userId)?.pushed
  }
  expect(pushed).toEqual({ o_msg_1: 'sent', o_msg_2: 'refused:43101', o_msg_3: 'refused:43101' })
})

test('130 notices: paged newest first with a true total, no notice twice or missing; read some, then all', async () => {
  const who = 'o_msg_many'
  const me = ok(await app.call(who, 'account.me', {}))
  await manyNotices(me.userId, 130)
  const seen: string[] = []
  for (let page = 1; page <= 3; page++) {
    const r = ok(await app.call(who, 'account.messages', { page, pageSize: 50 }))
    expect(r.total).toBe(130)
    expect(r.unread).toBe(130)
    seen.push(...r.items.map((m) => m.title))
  }
  expect(seen).toEqual(Array.from({ length: 130 }, (_x, i) => `通知 ${130 - i}`))
  expect(ok(await app.call(who, 'account.unread', {}))).toEqual({ unread: 130 })

  const first = ok(await app.call(who, 'account.messages', { pageSize: 2 })).items
  expect(ok(await app.call(who, 'account.readMessages', { ids: first.map((m) => m.id) }))).toEqual({ unread: 128 })
  expect(ok(await app.call(who, 'account.messages', { pageSize: 3 })).items.map((m) => m.read)).toEqual([true, true, false])

  // Someone else's notices are not theirs to mark: nothing changes.
  const stranger = ok(await app.call('o_msg_stranger', 'account.messages', {}))
  expect(stranger).toEqual({ items: [], total: 0, unread: 0, reviewer: false })
  const third = ok(await app.call(who, 'account.messages', { pageSize: 3 })).items[2]
  expect(ok(await app.call('o_msg_stranger', 'account.readMessages', { ids: [third.id] }))).toEqual({ unread: 0 })
  expect(ok(await app.call(who, 'account.unread', {}))).toEqual({ unread: 128 })

  expect(ok(await app.call(who, 'account.readMessages', { all: true }))).toEqual({ unread: 0 })
  expect(ok(await app.call(who, 'account.me', {})).unreadMessages).toBe(0)
})

test('bad input names the field and changes nothing', async () => {
  const before = app.dump()
  expect(await app.call('o_msg_many', 'account.readMessages', { ids: [] } as never)).toMatchObject({ ok: false, error: { field: 'ids' } })
  expect(await app.call('o_msg_many', 'account.messages', { pageSize: 500 } as never)).toMatchObject({ ok: false, error: { field: 'pageSize' } })
  expect(app.dump()).toBe(before)
})

test('the daily timer removes notices kept their year, and closing the account removes its notices', async () => {
  const who = 'o_msg_old'
  const me = ok(await app.call(who, 'account.me', {}))
  const yearAndADay = Date.now() - 366 * 86400_000
  await manyNotices(me.userId, 3, yearAndADay)
  await manyNotices(me.userId, 2)
  expect(ok(await app.call(who, 'account.messages', {})).total).toBe(5)
  const fired = await app.cloud.fireTimer('account', 'pruneCounters')
  expect(fired.ok && fired.result).toMatchObject({ ok: true, data: { messagesRemoved: 3 } })
  expect(ok(await app.call(who, 'account.messages', {})).items.map((m) => m.title)).toEqual(['通知 2', '通知 1'])

  ok(await app.call(who, 'account.close', { confirm: true, reason: '' }))
  expect(messageDocs().filter((m) => m.userId === me.userId)).toEqual([])
})

test('those who review others\' work are offered the daily 待办 reminder; others are not', async () => {
  expect(ok(await app.call('o_demo_township', 'account.messages', {})).reviewer).toBe(true)
  expect(ok(await app.call(COUNTY, 'account.messages', {})).reviewer).toBe(true)
  expect(ok(await app.call('o_demo_volunteer', 'account.messages', {})).reviewer).toBe(false)
  expect(ok(await app.call('o_demo_merchant', 'account.messages', {})).reviewer).toBe(false)
})
