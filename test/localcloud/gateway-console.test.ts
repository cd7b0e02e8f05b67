// The development gateway, the console, and snapshot/restore of a data folder.
import fs from 'node:fs'
import path from 'node:path'
import { startTestCloud, tempDir, type TestCloud } from '../support/localcloud'
import { NO_SESSION } from '../../localcloud/gateway'
import { readDeclaration } from '../../deploy/environment'
import { localTemplateId } from '../../localcloud/environment'

const REVIEW = localTemplateId('review')

let t: TestCloud

beforeAll(async () => {
  t = await startTestCloud({
    collections: { notes: { indexes: [{ name: 'owner_1', keys: { owner: 1 } }] }, users: {} },
    personas: [{ id: 'alice', openid: 'o_alice', name: '爱丽丝', description: '测试身份' }],
    storageRule: readDeclaration().storageRule,
  })
})
afterAll(() => t.close())

// Scripts and tests call with this start's token (a browser gets it as a cookie: see security.test.ts).
let json: Record<string, string>
let localToken: Record<string, string>
beforeAll(() => {
  localToken = { 'x-xq-local-token': t.cloud.token }
  json = { 'content-type': 'application/json', ...localToken }
})

async function session(persona: string): Promise<{ token: string; cookie: string }> {
  const res = await fetch(`${t.cloud.url}/dev/session`, { method: 'POST', headers: json, body: JSON.stringify({ persona }) })
  const body = (await res.json()) as { token: string }
  return { token: body.token, cookie: res.headers.get('set-cookie')!.split(';')[0] }
}

describe('gateway', () => {
  test('calls a function as the session persona; an identity in the body is ignored', async () => {
    const { cookie } = await session('alice')
    const res = await fetch(`${t.cloud.url}/functions/probe`, {
      method: 'POST',
      headers: { ...json, cookie },
      body: JSON.stringify({ code: 'return cloud.getWXContext().OPENID', userInfo: { openId: 'o_mallory' }, openid: 'o_mallory' }),
    })
    expect(await res.json()).toMatchObject({ result: 'o_alice', errMsg: 'cloud.callFunction:ok' })
  })

  test('the session header works too, and a fresh user gets a new openid each time', async () => {
    const a = await session('new')
    const b = await session('new')
    const who = async (token: string) =>
      (
        (await (
          await fetch(`${t.cloud.url}/functions/probe`, { method: 'POST', headers: { ...json, 'x-xq-dev-session': token }, body: JSON.stringify({ code: 'return cloud.getWXContext().OPENID' }) })
        ).json()) as { result: string }
      ).result
    const [openidA, openidB] = [await who(a.token), await who(b.token)]
    expect(openidA).toMatch(/^o_dev_new_[0-9a-f]{12}$/)
    expect(openidB).not.toBe(openidA)
  })

  test("the web build's stand-in of WeChat's subscribe dialog records the persona's answers; the console shows them", async () => {
    const { cookie } = await session('alice')
    const answer = (headers: Record<string, string>, answers: unknown) =>
      fetch(`${t.cloud.url}/dev/subscribe`, { method: 'POST', headers: { ...json, ...headers }, body: JSON.stringify({ answers }) }).then((r) => r.json())
    expect(await answer({ cookie }, { [REVIEW]: 'accept' })).toEqual({ errMsg: 'requestSubscribeMessage:ok', [REVIEW]: 'accept' })
    expect(t.cloud.subscriptions.left('o_alice', REVIEW)).toBe(1)
    // Nobody's answers without a session; unknown templates and malformed answers record nothing.
    expect(await answer({}, { [REVIEW]: 'accept' })).toMatchObject({ errCode: -401001 })
    expect(await answer({ cookie }, { TPL_ELSE: 'accept' })).toMatchObject({ errCode: 20001 })
    expect(await answer({ cookie }, { [REVIEW]: 'yes please' })).toMatchObject({ errCode: 10001 })
    expect(t.cloud.subscriptions.left('o_alice', REVIEW)).toBe(1)
    const console = (await fetch(`${t.cloud.url}/console/api/subscriptions`, { headers: localToken }).then((r) => r.json())) as { templates: { id: string }[]; events: { type: string; openid: string }[] }
    expect(console.templates.map((x) => x.id)).toContain(REVIEW)
    expect(console.events[0]).toMatchObject({ type: 'answer', openid: 'o_alice', answer: 'accept' })
  })

  test('without a session, with a forged session, or with an unknown persona: refused', async () => {
    const call = (headers: Record<string, string>) =>
      fetch(`${t.cloud.url}/functions/probe`, { method: 'POST', headers: { ...json, ...headers }, body: JSON.stringify({ code: 'return 1' }) }).then((r) => r.json())
    expect(await call({})).toMatchObject({ errCode: NO_SESSION })
    expect(await call({ 'x-xq-dev-session': 'forged-token' })).toMatchObject({ errCode: NO_SESSION })
    const unknown = await fetch(`${t.cloud.url}/dev/session`, { method: 'POST', headers: json, body: JSON.stringify({ persona: 'root' }) })
    expect(unknown.status).toBe(400)
  })

  test('only JSON requests are accepted (a cross-site form cannot call it)', async () => {
    const res = await fetch(`${t.cloud.url}/functions/probe`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...localToken }, body: 'code=return%201' })
    expect(res.status).toBe(415)
  })

  test('uploads as wx.cloud.uploadFile does: only with a session, only under uploads/<userId>/', async () => {
    // u1 is alice's user id (the storage rule checks the folder is the caller's: see security.test.ts).
    await t.probe(`await db.collection('users').add({ data: { _id: 'u1', openid: 'o_alice' } })`)
    const { cookie } = await session('alice')
    const form = (cloudPath: string) => {
      const f = new FormData()
      f.append('cloudPath', cloudPath)
      f.append('file', new Blob([Buffer.from('%PDF-1.4 test')]), 'plan.pdf')
      return f
    }
    const ok = await fetch(`${t.cloud.url}/storage/upload`, { method: 'POST', headers: { cookie, ...localToken }, body: form('uploads/u1/plan.pdf') })
    const body = (await ok.json()) as { fileID: string; errMsg: string }
    expect(body).toMatchObject({ errMsg: 'cloud.uploadFile:ok', fileID: t.cloud.storage.fileId('uploads/u1/plan.pdf') })
    expect(t.cloud.storage.exists('uploads/u1/plan.pdf')).toBe(true)
    const outside = await fetch(`${t.cloud.url}/storage/upload`, { method: 'POST', headers: { cookie, ...localToken }, body: form('loans/u1/plan.pdf') })
    expect(outside.status).toBe(403)
    const traversal = await fetch(`${t.cloud.url}/storage/upload`, { method: 'POST', headers: { cookie, ...localToken }, body: form('uploads/u1/../../x.pdf') })
    expect(traversal.status).toBe(403)
    expect(t.cloud.storage.exists('loans/u1/plan.pdf')).toBe(false)
    const anonymous = await fetch(`${t.cloud.url}/storage/upload`, { method: 'POST', headers: localToken, body: form('uploads/u1/other.pdf') })
    expect(await anonymous.json()).toMatchObject({ errCode: NO_SESSION })
    expect(t.cloud.storage.exists('uploads/u1/other.pdf')).toBe(false)
  })

  test('errors of the function come back as wx.cloud.callFunction reports them', async () => {
    const { token } = await session('alice')
    const res = await fetch(`${t.cloud.url}/functions/probe`, { method: 'POST', headers: { ...json, 'x-xq-dev-session': token }, body: JSON.stringify({ code: 'throw new Error("坏了")' }) })
    expect(await res.json()).toMatchObject({ errCode: -504002, errMsg: expect.stringContaining('坏了') })
  })

  test('the local cloud refuses to start in production', async () => {
    const previous = process.env.NODE_ENV
    process.env.NODE_ENV = 'production'
    try {
      await expect(startTestCloud({ collections: {} })).rejects.toThrow(/refuses to start/)
    } finally {
      process.env.NODE_ENV = previous
    }
  })
})

describe('console', () => {
  test('the page and its read-only API: collections, documents, invocations, outbox, files', async () => {
    await t.probe(`await db.collection('notes').add({ data: [{ owner: 'a', text: '第一条' }, { owner: 'b', text: '第二条' }] })`)
    const page = await fetch(`${t.cloud.url}/console`)
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('本地云控制台')
    const get = (p: string) => fetch(`${t.cloud.url}/console/api/${p}`, { headers: localToken }).then((r) => r.json())
    expect(await get('collections')).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'notes', count: 2 })]))
    const docs = (await get('collections/notes?limit=1')) as { total: number; docs: { text: string }[] }
    expect(docs.total).toBe(2)
    expect(docs.docs).toHaveLength(1)
    const calls = (await get('invocations')) as { functionName: string; dbRequests: { action: string }[] }[]
    expect(calls[0]).toMatchObject({ functionName: 'probe', dbRequests: [{ action: 'database.insertDocument', collection: 'notes' }] })
    expect(Array.isArray(await get('outbox'))).toBe(true)
    expect(Array.isArray(await get('files'))).toBe(true)
    const write = await fetch(`${t.cloud.url}/console/api/collections/notes`, { method: 'POST', headers: localToken, body: '{}' })
    expect(write.status).toBe(403)
  })
})

describe('snapshot and restore', () => {
  test('a snapshot restores the database and the files exactly', async () => {
    await t.cloud.reset()
    await t.probe(`await db.collection('notes').add({ data: { _id: 'kept', owner: 'a' } }); await cloud.uploadFile({ cloudPath: 'a/kept.txt', fileContent: Buffer.from('留下') })`)
    const dir = path.join(tempDir('snap'), 'snapshot')
    t.cloud.snapshot(dir)
    await t.probe(`await db.collection('notes').doc('kept').remove(); await db.collection('notes').add({ data: { _id: 'later' } }); await db.createCollection('extra')`)
    t.cloud.storage.put('a/later.txt', Buffer.from('x'))
    await t.cloud.restore(dir)
    const r = await t.probe<any>(`return { ids: (await db.collection('notes').get()).data.map(d => d._id) }`)
    expect(r.ids).toEqual(['kept'])
    expect(t.cloud.store.has('extra')).toBe(false)
    expect(t.cloud.storage.list().map((f) => f.fileID.split('/').slice(-2).join('/'))).toEqual(['a/kept.txt'])
    // Indexes are rebuilt from the restored documents.
    expect([...t.cloud.store.get('notes').candidates({ owner: 'a' })].map((d) => d._id)).toEqual(['kept'])
    fs.rmSync(path.dirname(dir), { recursive: true, force: true })
  })
})
