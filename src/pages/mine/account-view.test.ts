// What 我的 shows of an account: who is offered to join a program, and which workbenches are listed.
import { ROUTES } from '@/constants/routes'
import { accountView, type Account } from './account-view'

type Grant = Account['roles'][number]

function account(roles: Grant[], registrations: Account['registrations'] = []): Account {
  return { userId: 'u1', nickname: '林晓雨', realName: '', avatarUrl: '', mobileMasked: '', roles, registrations, createdAt: '2026-01-01T00:00:00.000Z', unreadMessages: 0 }
}
const grant = (role: Grant['role'], scopeId = '', scopeName = ''): Grant => ({ role, scopeType: scopeId ? 'township' : 'none', scopeId, scopeName }) as Grant
const reg = (kind: 'volunteer' | 'rural_youth', status: 'pending' | 'approved' | 'rejected' | 'closed') => ({ kind, status, townshipName: '凤城街道', rejectReason: '' })

test('no account yet: nothing listed, nothing offered', () => {
  expect(accountView(null)).toEqual({ registrations: [], offerRegistration: false, workspaces: [] })
})

test('someone in neither program is offered to join; a registration or a program role ends the offer', () => {
  expect(accountView(account([])).offerRegistration).toBe(true)
  expect(accountView(account([], [reg('volunteer', 'pending')])).offerRegistration).toBe(false)
  expect(accountView(account([grant('rural_youth')])).offerRegistration).toBe(false)
  // A closed registration is history: the person may join again.
  const closed = accountView(account([], [reg('rural_youth', 'closed')]))
  expect(closed.registrations).toEqual([])
  expect(closed.offerRegistration).toBe(true)
})

test('staff invited to work are not asked to join the programs', () => {
  expect(accountView(account([grant('merchant', 'm1', '连州菜馆')])).offerRegistration).toBe(false)
})

test('workplaces are listed once per scope, programs once without a place', () => {
  const view = accountView(account([grant('volunteer', '441802001', '凤城街道'), grant('rural_youth'), grant('township_staff', '441802001', '凤城街道'), grant('township_staff', '441802002', '东城街道')]))
  const listed = view.workspaces.map((w) => [w.title, w.scope])
  expect(listed).toEqual([
    ['志愿服务', '凤城街道'],
    ['爱心商家优惠', ''],
    ['岗位对接会', ''],
    ['创业贴息贷款', ''],
    ['镇街工作台', '凤城街道'],
    ['镇街工作台', '东城街道'],
  ])
  expect(view.workspaces.find((w) => w.title === '创业贴息贷款')?.url).toBe(ROUTES.loan)
})
