// The `grants` function: granted roles come only from one-time invitations; admins list and
// revoke grants. Every grant and revocation is audited.
import { action, freeText, PageInput, pageOf, personName, RoleGrant } from './common'
import { ROLES } from './roles'
import * as z from './zod'
import { GRANTABLE_ROLES, INVITATION_CODE, invitationScene, ORGANISATION_ROLES, type GrantableRole, type OrganisationRole } from './vocabulary'

export { GRANTABLE_ROLES, INVITATION_CODE, invitationScene, ORGANISATION_ROLES, type GrantableRole, type OrganisationRole }

const invitationCode = z
  .string({ error: '请输入邀请码' })
  .describe('邀请码')
  .trim()
  .transform((s) => s.toUpperCase().replace(/^INV=/, ''))
  .pipe(z.string().regex(INVITATION_CODE, '邀请码应为 10 位字母或数字'))

export const InvitationView = z.object({
  code: z.string(),
  scene: z.string(),
  role: z.enum(GRANTABLE_ROLES),
  scopeType: z.string(),
  scopeId: z.string(),
  scopeName: z.string(),
  note: z.string(),
  status: z.enum(['open', 'used', 'revoked', 'expired']),
  expiresAt: z.string(),
  createdAt: z.string(),
  createdByName: z.string(),
  usedByName: z.string(),
  usedAt: z.string().nullable(),
})
export type InvitationView = z.infer<typeof InvitationView>

export const GrantView = z.object({
  userId: z.string(),
  name: z.string(),
  mobileMasked: z.string(),
  grant: RoleGrant,
})
export type GrantView = z.infer<typeof GrantView>


export const OrganisationOption = z.object({ id: z.string(), name: z.string(), countyName: z.string() })
export type OrganisationOption = z.infer<typeof OrganisationOption>

export const grants = {
  organisations: action({
    summary: '可邀请的机构（商家、银行、用人单位），按名称查找',
    input: PageInput.extend({
      role: z.enum(ORGANISATION_ROLES, { error: '请选择机构角色' }).describe('角色'),
      keyword: z.string().describe('名称').trim().max(20, '名称最多 20 个字').optional(),
    }),
    output: pageOf(OrganisationOption),
    access: { who: ['county_admin', 'city_admin'], objects: 'county' },
  }),
  createInvitation: action({
    summary: '创建一次性邀请（角色、范围、有效期）',
    silent: '被邀请人凭邀请码加入，此时尚无账号可通知；邀请由管理员本人转交',
    input: z.object({
      role: z.enum(GRANTABLE_ROLES, { error: '请选择要邀请的角色' }).describe('角色'),
      /** Township or county code, or the merchant / bank / employer id; ignored for city_admin. */
      scopeId: z.string().describe('范围').trim().max(40).default(''),
      expiresInDays: z.number({ error: '请选择有效期' }).describe('有效期').int().min(1, '有效期至少 1 天').max(30, '有效期最长 30 天').default(7),
      note: freeText('备注', 60).default(''),
    }),
    output: InvitationView,
    access: { who: ['county_admin', 'city_admin'], objects: 'county' },
    rateLimit: { max: 60, windowSeconds: 3600 },
    moderate: ['note'],
  }),
  listInvitations: action({
    summary: '我创建的邀请',
    input: PageInput.extend({ status: z.enum(['open', 'used', 'revoked', 'expired']).optional() }),
    output: pageOf(InvitationView),
    access: { who: ['county_admin', 'city_admin'], objects: 'own' },
  }),
  invitationCode: action({
    summary: '生成邀请的小程序码图片',
    input: z.object({ code: invitationCode }),
    output: z.object({ imageUrl: z.string(), scene: z.string(), page: z.string() }),
    access: { who: ['county_admin', 'city_admin'], objects: 'own' },
    rateLimit: { max: 60, windowSeconds: 3600 },
  }),
  revokeInvitation: action({
    summary: '作废一个尚未使用的邀请',
    silent: '邀请尚未使用，没有接受邀请的人需要告知',
    input: z.object({ code: invitationCode }),
    output: InvitationView,
    access: { who: ['county_admin', 'city_admin'], objects: 'own' },
  }),
  previewInvitation: action({
    summary: '被邀请人查看邀请内容',
    input: z.object({ code: invitationCode }),
    output: z.object({ role: z.enum(GRANTABLE_ROLES), scopeName: z.string(), note: z.string(), invitedBy: z.string(), expiresAt: z.string(), usable: z.boolean(), problem: z.string() }),
    access: { who: 'signed_in' },
    // A lookup by code answers whether the code exists: limited, so codes cannot be guessed by trying.
    rateLimit: { max: 30, windowSeconds: 3600 },
  }),
  redeemInvitation: action({
    summary: '接受邀请（每个邀请只能使用一次），留下真实姓名供管理员识别',
    silent: '本人操作，结果当场显示在本人的页面上',
    input: z.object({ code: invitationCode, name: personName() }),
    output: z.object({ grant: RoleGrant }),
    access: { who: 'signed_in' },
    // Guessing codes must be slow.
    rateLimit: { max: 20, windowSeconds: 3600 },
  }),
  listGrants: action({
    summary: '本县（团市委：全市）已授予的角色',
    input: PageInput.extend({ role: z.enum(ROLES).describe('角色').optional() }),
    output: pageOf(GrantView),
    access: { who: ['county_admin', 'city_admin'], objects: 'county' },
  }),
  revokeGrant: action({
    summary: '撤销一个已授予的角色',
    input: z.object({
      userId: z.string().describe('用户').min(1).max(64),
      role: z.enum(GRANTABLE_ROLES).describe('角色'),
      scopeId: z.string().describe('范围').max(40),
      reason: freeText('撤销理由', 200).refine((s) => s.length >= 2, '请填写撤销理由（至少 2 个字）'),
    }),
    output: z.object({ revoked: z.boolean() }),
    access: { who: ['county_admin', 'city_admin'], objects: 'county' },
  }),
}
