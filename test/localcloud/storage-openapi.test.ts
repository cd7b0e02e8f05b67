// Files and open-API stand-ins, through the genuine SDK.
import { startTestCloud, type TestCloud } from '../support/localcloud'
import { localTemplateId } from '../../localcloud/environment'

const REVIEW = localTemplateId('review')

let t: TestCloud

beforeAll(async () => {
  t = await startTestCloud({ collections: {}, flaggedWords: ['违禁词'] })
})
afterAll(() => t.close())

describe('files', () => {
  test('upload, temp URL, download, delete with cloud:// file IDs', async () => {
    const r = await t.probe<any>(`
      const up = await cloud.uploadFile({ cloudPath: 'loan/材料 1.txt', fileContent: Buffer.from('营业执照') })
      const urls = await cloud.getTempFileURL({ fileList: [up.fileID, { fileID: up.fileID, maxAge: 60 }] })
      const down = await cloud.downloadFile({ fileID: up.fileID })
      const del = await cloud.deleteFile({ fileList: [up.fileID, up.fileID] })
      let after = null
      try { await cloud.downloadFile({ fileID: up.fileID }) } catch (e) { after = e.errMsg || e.message }
      return { fileID: up.fileID, urls: urls.fileList, content: down.fileContent.toString('utf8'), del: del.fileList.map(f => f.status), after }
    `)
    expect(r.fileID).toMatch(/^cloud:\/\/local-env\.[0-9a-f]{4}-local-env-\d+\/loan\/材料 1\.txt$/)
    expect(r.urls[0]).toMatchObject({ status: 0, fileID: r.fileID })
    expect(r.urls[1].tempFileURL).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/cos\/loan\/.*\?sign=[0-9a-f]+&t=\d+$/)
    expect(r.content).toBe('营业执照')
    expect(r.del).toEqual([0, -503003])
    expect(r.after).toBeTruthy()
  })

  test('temp URLs are served over HTTP until they expire; a forged signature is refused', async () => {
    const fileId = t.cloud.storage.put('photos/a.png', Buffer.from([0x89, 0x50, 0x4e, 0x47]))
    const cloudPath = t.cloud.storage.pathOf(fileId)!
    const good = await fetch(t.cloud.storage.tempUrl(cloudPath, 60))
    expect(good.status).toBe(200)
    expect(good.headers.get('content-type')).toBe('image/png')
    expect(Buffer.from(await good.arrayBuffer())).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47]))
    const expired = await fetch(t.cloud.storage.tempUrl(cloudPath, -1))
    expect(expired.status).toBe(403)
    const forged = await fetch(t.cloud.storage.tempUrl(cloudPath, 60).replace(/sign=[0-9a-f]+/, 'sign=' + '0'.repeat(32)))
    expect(forged.status).toBe(403)
    const unauthorisedUpload = await fetch(`${t.cloud.url}/cos/photos/evil.png`, { method: 'PUT', body: 'x' })
    expect(unauthorisedUpload.status).toBe(403)
  })

  test('a path that climbs out of the bucket is refused', async () => {
    const r = await t.probe<any>(`try { await cloud.uploadFile({ cloudPath: '../../etc/passwd', fileContent: Buffer.from('x') }); return 'uploaded' } catch (e) { return e.errMsg || e.message }`)
    expect(r).not.toBe('uploaded')
  })
})

describe('open API', () => {
  test('wxacode.getUnlimited returns a PNG QR code of the page and scene', async () => {
    const r = await t.probe<any>(`
      const res = await cloud.openapi.wxacode.getUnlimited({ scene: 'st=abc123', page: 'packages/volunteer/checkin/index', checkPath: false })
      return { contentType: res.contentType, base64: res.buffer.toString('base64') }
    `)
    expect(r.contentType).toBe('image/png')
    const png = Buffer.from(r.base64, 'base64')
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    const { decodeQrPng } = await import('../support/qr')
    expect(decodeQrPng(png)).toBe('packages/volunteer/checkin/index?scene=st%3Dabc123')
  })

  test('a scene over 32 characters is refused as WeChat refuses it', async () => {
    const r = await t.probe<any>(`try { await cloud.openapi.wxacode.getUnlimited({ scene: 'x'.repeat(33), page: 'pages/index/index' }); return null } catch (e) { return e.errCode }`)
    expect(r).toBe(40169)
  })

  test('subscribeMessage.send delivers only with an accept, one per accept of a one-time template (else 43101)', async () => {
    t.cloud.outbox.length = 0
    const send = (touser: string) =>
      t.probe<any>(`try {
        const r = await cloud.openapi.subscribeMessage.send({ touser: args, templateId: '${REVIEW}', page: 'pages/mine/index', data: { thing1: { value: '注册审核' }, phrase2: { value: '已通过' }, thing3: { value: '服务镇街：凤城街道' } }, miniprogramState: 'developer' })
        return r.errCode
      } catch (e) { return e.errCode }`, touser)
    expect(await send('o_volunteer')).toBe(43101)
    expect(t.cloud.outbox).toHaveLength(0)
    // The user accepts twice (two taps that asked): two messages, then none.
    expect(t.cloud.subscriptions.answer('o_volunteer', { [REVIEW]: 'accept' })).toEqual({ ok: true })
    expect(t.cloud.subscriptions.answer('o_volunteer', { [REVIEW]: 'accept' })).toEqual({ ok: true })
    expect(t.cloud.subscriptions.answer('o_other', { [REVIEW]: 'reject' })).toEqual({ ok: true })
    expect(await send('o_volunteer')).toBe(0)
    expect(await send('o_volunteer')).toBe(0)
    expect(await send('o_volunteer')).toBe(43101)
    expect(await send('o_other')).toBe(43101)
    expect(t.cloud.outbox).toEqual([
      expect.objectContaining({ touser: 'o_volunteer', templateId: REVIEW, page: 'pages/mine/index', data: expect.objectContaining({ phrase2: { value: '已通过' } }) }),
      expect.objectContaining({ touser: 'o_volunteer' }),
    ])
    expect(t.cloud.subscriptions.events.slice(-4).map((e) => [e.type, e.openid])).toEqual([
      ['sent', 'o_volunteer'],
      ['sent', 'o_volunteer'],
      ['refused', 'o_volunteer'],
      ['refused', 'o_other'],
    ])
    // An id the mini program has not registered is refused when asked for, as wx.requestSubscribeMessage does.
    expect(t.cloud.subscriptions.answer('o_volunteer', { TPL_NOPE: 'accept' })).toMatchObject({ ok: false, errCode: 20001 })
  })

  test('each send is checked against the template: unknown id 40037, a field missing, extra or of the wrong form 47003; nothing is consumed', async () => {
    const typed = await startTestCloud({
      collections: {},
      templates: [
        {
          id: 'TPL_TYPED',
          name: 'typed',
          title: '类型检查',
          kind: 'one-time',
          fields: { thing1: 'thing', phrase2: 'phrase', name3: 'name', time4: 'time', date5: 'date', amount6: 'amount', number7: 'number', character_string8: 'character_string' },
        },
        { id: 'TPL_LONG', name: 'long', title: '待办提醒', kind: 'long-term', fields: { thing1: 'thing' } },
      ],
    })
    try {
      const good = { thing1: '志愿服务时长', phrase2: '已通过', name3: '林晓雨', time4: '2026年12月5日 09:30', date5: '2026-12-05', amount6: '¥1200.50', number7: '3', character_string8: 'LN-2026-0001' }
      const send = (templateId: string, values: Record<string, string>) =>
        typed.probe<any>(
          `try { const data = Object.fromEntries(Object.entries(args.values).map(([k, v]) => [k, { value: v }]));
            return (await cloud.openapi.subscribeMessage.send({ touser: 'o_u', templateId: args.templateId, data })).errCode } catch (e) { return e.errCode + ' ' + e.errMsg }`,
          { templateId, values },
        )
      typed.cloud.subscriptions.answer('o_u', { TPL_TYPED: 'accept', TPL_LONG: 'accept' })
      expect(await send('TPL_OTHER', good)).toMatch(/^40037 /)
      const bad: [string, string | undefined][] = [
        ['thing1', '这是一段超过二十个字的事项名称会被平台拒绝发送的'],
        ['phrase2', '已通过了审核'],
        ['phrase2', 'OK'],
        ['name3', '林晓雨123'],
        ['time4', '明天上午'],
        ['date5', '12/05'],
        ['amount6', '一千元'],
        ['number7', '3个'],
        ['character_string8', '编号一'],
        ['thing1', ''],
        ['thing1', undefined],
      ]
      for (const [key, value] of bad) {
        const values: Record<string, string> = { ...good }
        if (value === undefined) delete values[key]
        else values[key] = value
        expect([key, value, await send('TPL_TYPED', values)]).toEqual([key, value, expect.stringMatching(new RegExp(`^47003 .*data\\.${key}`))])
      }
      expect(await send('TPL_TYPED', { ...good, extra9: 'x' })).toMatch(/^47003 .*data\.extra9/)
      // None of those used the accept: the good one goes through, once.
      expect(typed.cloud.subscriptions.left('o_u', 'TPL_TYPED')).toBe(1)
      expect(await send('TPL_TYPED', good)).toBe(0)
      expect(await send('TPL_TYPED', good)).toMatch(/^43101 /)
      // A long-term accept lasts.
      for (let i = 0; i < 3; i++) expect(await send('TPL_LONG', { thing1: '有 3 条待审核' })).toBe(0)
    } finally {
      await typed.close()
    }
  })

  test('msgSecCheck and imgSecCheck pass clean content and flag the configured words', async () => {
    const r = await t.probe<any>(`
      const clean = await cloud.openapi.security.msgSecCheck({ content: '今天在驿站服务了三小时', version: 2, scene: 1, openid: 'o_x' })
      const risky = await cloud.openapi.security.msgSecCheck({ content: '这里有违禁词', version: 2, scene: 1, openid: 'o_x' })
      const img = await cloud.openapi.security.imgSecCheck({ media: { contentType: 'image/png', value: Buffer.from('PNG clean') } })
      let badImg = null
      try { await cloud.openapi.security.imgSecCheck({ media: { contentType: 'image/png', value: Buffer.from('PNG 违禁词') } }) } catch (e) { badImg = e.errCode }
      return { clean: clean.result.suggest, risky: risky.result.suggest, img: img.errCode, badImg }
    `)
    expect(r).toEqual({ clean: 'pass', risky: 'risky', img: 0, badImg: 87014 })
  })

  test('phone numbers: the dev stand-in for getPhoneNumber and getOpenData', async () => {
    const r = await t.probe<any>(`
      const byCode = await cloud.openapi.phonenumber.getPhoneNumber({ code: 'dev-phone:13800138000' })
      const byCloudId = await cloud.getOpenData({ list: ['dev-phone:13912345678'] })
      let bad = null
      try { await cloud.openapi.phonenumber.getPhoneNumber({ code: 'forged' }) } catch (e) { bad = e.errCode }
      return { byCode: byCode.phoneInfo.phoneNumber, byCloudId: byCloudId.list[0].data.phoneNumber, bad }
    `)
    expect(r).toEqual({ byCode: '13800138000', byCloudId: '13912345678', bad: 40029 })
  })

  test('an API the function does not declare in config.json is refused, as on the platform', async () => {
    const strict = await startTestCloud({ collections: {}, probeConfig: { permissions: { openapi: [] } } })
    try {
      const r = await strict.probe<any>(`try { await cloud.openapi.subscribeMessage.send({ touser: 'o', templateId: 'T', data: { a: { value: 'b' } } }); return 'sent' } catch (e) { return e.errCode }`)
      expect(r).toBe(-604101)
      expect(strict.cloud.outbox).toHaveLength(0)
    } finally {
      await strict.close()
    }
  })
})
