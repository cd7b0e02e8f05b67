// The county admin's day, in the browser: review registrations (one approved on its detail
// page, where the ID number is shown in clear and the read is logged; one rejected in a batch
// with a reason), confirm an account takeover, invite township staff and revoke the invitation.
import { volunteerForm } from '../support/people'
import { reveal, visibleQr } from '../support/checks'
import { confirmModal, journey, rejectWithReason, until } from '../support/journey'

const world = journey('admin')
const { invoke, docs, shot, openAs } = world

test('a county admin reviews registrations, confirms a takeover, invites township staff and revokes the invitation', async () => {
  // Two pending volunteer registrations in 清城区, submitted by new WeChat users.
  const lin = volunteerForm({ name: '林小青', mobile: '13800138001', townshipCode: '441802006' })
  const chen = volunteerForm({ name: '陈静怡', mobile: '13800138002', townshipCode: '441802007', skills: ['乡村旅游', '直播带货'] })
  const linReg = await invoke('o_x', 'registration', 'submitVolunteer', lin)
  const chenReg = await invoke('o_y', 'registration', 'submitVolunteer', chen)

  // Become 李建国, the county admin of 清城区.
  const { context, page, errors } = await openAs('李建国')

  // Admin home: scope and live counts.
  await page.goto(`${world.stack.url}/#/packages/admin/index/index`)
  await page.locator('.wb-head__scope', { hasText: '县（市、区）团委 · 清城区' }).waitFor()
  await page.locator('.admin-desk--registrations .admin-desk__number', { hasText: /^2$/ }).waitFor()
  await page.locator('.admin-desk--takeovers .admin-desk__number', { hasText: /^0$/ }).waitFor()
  await page.locator('.admin-desk--grants .admin-desk__number').waitFor()
  await shot(page, '1-home')

  // The review queue.
  await page.locator('.admin-desk--registrations').click()
  await until(() => page.locator('.reg-card').count(), 2)
  const linCard = page.locator('.reg-card', { hasText: '林小青' })
  await linCard.getByText('清城区 · 凤城街道').waitFor()
  // Masked in the list: never the full ID or mobile.
  await linCard.getByText(`${lin.idNumber.slice(0, 4)}**********${lin.idNumber.slice(14)}`).waitFor()
  await linCard.getByText('138****8001').waitFor()
  expect(await page.locator('.regs').textContent()).not.toContain(lin.idNumber)
  await shot(page, '2-registrations')

  // The detail: the ID in clear, with the note that the read is logged; approve it there.
  await linCard.click()
  await page.locator('.reg-detail__id', { hasText: lin.idNumber }).waitFor()
  await page.locator('.reg-detail__logged', { hasText: '查看已留痕' }).waitFor()
  await page.locator('.reg-detail').getByText('农村区域发展').waitFor()
  await shot(page, '3-registration-detail')
  await page.locator('.reg-detail__approve').click()
  await confirmModal(page, '通过注册申请')
  await page.locator('.reg-detail__state', { hasText: '已通过' }).waitFor()
  await page.locator('.reg-detail__reviewer', { hasText: '李建国' }).waitFor()
  await expect(page.locator('.reg-detail__approve').count()).resolves.toBe(0)
  await shot(page, '4-registration-approved')

  // Back in the queue: only 陈静怡 is left; reject her in a batch, with a reason.
  await page.goBack()
  await until(() => page.locator('.reg-card').count(), 1)
  await page.locator('.reg-card', { hasText: '陈静怡' }).locator('.reg-card__check').click()
  await page.locator('.regs__count', { hasText: '已选 1 份' }).waitFor()
  await page.locator('.regs__reject').click()
  await rejectWithReason(page, '驳回 1 份申请', '服务期与派遣文件不一致，请核对后重新提交', () => shot(page, '5-batch-reject'))
  await page.locator('.regs__empty', { hasText: '暂无待审核的申请' }).waitFor()
  await shot(page, '6-queue-empty')
  await page.locator('.regs__tab', { hasText: '未通过' }).click()
  await page.locator('.reg-card', { hasText: '陈静怡' }).getByText('驳回理由：服务期与派遣文件不一致，请核对后重新提交').waitFor()

  // What the cloud recorded: both decisions, and the read of the ID in clear.
  const regs = docs('registrations')
  expect(regs.find((r) => r._id === linReg.id)).toMatchObject({ status: 'approved' })
  expect(regs.find((r) => r._id === chenReg.id)).toMatchObject({ status: 'rejected', rejectReason: '服务期与派遣文件不一致，请核对后重新提交' })
  const admin = docs('users').find((u) => u.openid === 'o_demo_county')
  const audit = docs('audit')
  expect(audit.filter((a) => a.action === 'pii.read' && a.targetId === linReg.id && a.actorId === admin._id)).toHaveLength(1)
  expect(audit.some((a) => a.action === 'registration.approve' && a.targetId === linReg.id)).toBe(true)
  expect(audit.some((a) => a.action === 'registration.reject' && a.targetId === chenReg.id)).toBe(true)
  expect(docs('users').find((u) => u.openid === 'o_x').roles).toEqual([{ role: 'volunteer', scopeType: 'township', scopeId: '441802006', scopeName: '凤城街道' }])

  // An account takeover: 林小青 changed WeChat accounts; the admin confirms it.
  await invoke('o_x2', 'registration', 'requestTakeover', { name: '林小青', idNumber: lin.idNumber })
  await page.goto(`${world.stack.url}/#/packages/admin/takeovers/index`)
  const takeover = page.locator('.takeover-card', { hasText: '林小青' })
  await takeover.getByText('乡村振兴志愿者').waitFor()
  await shot(page, '7-takeovers')
  await takeover.locator('.takeover-card__approve').click()
  const confirm = page.locator('.takeover-confirm')
  await confirm.getByText('原微信账号').waitFor()
  await confirm.locator('.ui-dialog__ok--off').waitFor() // until the admin says they verified the person
  await confirm.locator('.takeover-confirm__check').click()
  await shot(page, '8-takeover-confirm')
  await confirm.locator('.ui-dialog__ok').click()
  await page.getByText('暂无待确认的接管申请').waitFor()
  expect(docs('takeovers')).toEqual([expect.objectContaining({ status: 'approved', decidedBy: admin._id })])
  expect(docs('users').find((u) => u._id === linReg.id.split(':')[0]).openid).toBe('o_x2')

  // Invite township staff for 东城街道; the code and its 小程序码 (a QR image on the web).
  await page.goto(`${world.stack.url}/#/packages/admin/index/index`)
  await page.locator('.admin-desk--invitations').click()
  await page.locator('.invite-role', { hasText: '镇街团委干事' }).click()
  await page.locator('.invite-form__township').click()
  await page.locator('.ui-options__item', { hasText: '东城街道' }).click()
  await page.locator('.invite-form__township', { hasText: '东城街道' }).waitFor()
  await page.locator('.invite-form input').last().fill('东城街道团委干事 王小明')
  await shot(page, '9-invite-form')
  await page.locator('.invite-form__submit').click()
  const codeText = page.locator('.invite-result__code')
  await codeText.waitFor()
  const code = (await codeText.textContent())!.trim()
  expect(code).toMatch(/^[23456789ABCDEFGHJKLMNPQRSTUVWXYZ]{10}$/)
  await page.locator('.invite-result__role', { hasText: '镇街团委干事 · 东城街道' }).waitFor()
  const qr = page.locator('.invite-result__qr-img img')
  await qr.waitFor()
  await until(() => qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 100), true)
  await shot(page, '10-invite-created')
  // Its 小程序码 (a QR code in the local cloud) opens the invitation: read off the screen.
  await reveal(page, qr)
  expect(await visibleQr(page, qr)).toBe(`packages/account/invite/index?scene=${encodeURIComponent(`inv=${code}`)}`)
  expect(docs('invitations').find((i) => i._id === code)).toMatchObject({ role: 'township_staff', scopeId: '441802007', status: 'open', note: '东城街道团委干事 王小明' })

  // Revoke it from 我的邀请.
  const item = page.locator('.invite-item', { hasText: code })
  await item.locator('.invite-item__revoke').click()
  await confirmModal(page, '作废邀请')
  await item.locator('.invite-item__status', { hasText: '已作废' }).waitFor()
  await page.locator('.invite-result__title', { hasText: '该邀请已作废' }).waitFor()
  await item.scrollIntoViewIfNeeded()
  await shot(page, '11-invite-revoked')
  expect(docs('invitations').find((i) => i._id === code)).toMatchObject({ status: 'revoked' })

  // 授权管理: the roles granted in 清城区.
  await page.goto(`${world.stack.url}/#/packages/admin/grants/index`)
  await page.locator('.grant-row', { hasText: '陈思敏' }).getByText('凤城街道').waitFor()
  await shot(page, '12-grants')

  expect(errors).toEqual([])
  await context.close()
})

test('an ID number two accounts registered: the county sees the conflict, masked, and resolves it (issue #14)', async () => {
  const owner = volunteerForm({ name: '真主人', mobile: '13800138011', townshipCode: '441802006' })
  const squatter = await invoke('o_squatter', 'registration', 'submitVolunteer', { ...owner, name: '冒名者', mobile: '13800138012' })
  const mine = await invoke('o_rightful', 'registration', 'submitVolunteer', owner)
  const { context, page, errors } = await openAs('李建国')
  await page.goto(`${world.stack.url}/#/packages/admin/registrations/index`)
  const card = page.locator('.reg-card', { hasText: '真主人' })
  await card.locator('.reg-card__reason--conflict', { hasText: '身份证号已由另一微信账号注册' }).waitFor()
  await shot(page, 'conflict-1-list')
  await card.click()
  const banner = page.locator('.reg-detail__conflict')
  await banner.getByText('身份证号冲突：另一微信账号已用此号注册').waitFor()
  await banner.getByText(/冒\*者 · 清城区 凤城街道 · 待审核/).waitFor()
  expect(await page.locator('.reg-detail').textContent()).not.toContain('冒名者')
  await shot(page, 'conflict-2-detail')
  // The squatter's registration is rejected: the ID is free, the conflict gone, the owner approvable.
  await invoke('o_demo_county', 'registration', 'review', { ids: [squatter.id], decision: 'reject', reason: '冒用他人身份证号' })
  await page.reload()
  await page.locator('.reg-detail__id', { hasText: owner.idNumber }).waitFor()
  await expect(banner.count()).resolves.toBe(0)
  await page.locator('.reg-detail__approve').click()
  await confirmModal(page, '通过注册申请')
  await page.locator('.reg-detail__state', { hasText: '已通过' }).waitFor()
  expect(docs('registrations').find((r) => r._id === mine.id)).toMatchObject({ status: 'approved', idConflict: false })
  expect(errors).toEqual([])
  await context.close()
})

test('someone who is not an admin sees 无权限', async () => {
  const { context, page, errors } = await openAs('林晓雨')
  await page.goto(`${world.stack.url}/#/packages/admin/index/index`)
  await page.locator('.panel-denied', { hasText: '无权限' }).waitFor()
  await shot(page, '13-denied')
  expect(errors).toEqual([])
  await context.close()
})
