// The `account` function: who the caller is, their profile, roles and registration state.
import { action, freeText, PageInput, RoleGrant, text } from './common'
import { ExportJob } from './jobs'
import * as z from './zod'

export const RegistrationState = z.object({
  kind: z.enum(['volunteer', 'rural_youth']),
  status: z.enum(['pending', 'approved', 'rejected', 'closed']),
  townshipName: z.string(),
  rejectReason: z.string(),
})

export const AccountView = z.object({
  userId: z.string(),
  nickname: z.string(),
  /** The real name the person gave (accepting an invitation, or registering), or empty. */
  realName: z.string(),
  /** A displayable URL for the avatar (a temp URL of the cloud file), or empty. */
  avatarUrl: z.string(),
  /** The mobile number masked (138****8000): the one bound through WeChat, else the one registered; empty when neither. */
  mobileMasked: z.string(),
  roles: z.array(RoleGrant),
  /** The caller's registrations (volunteer, rural youth) and where each stands. */
  registrations: z.array(RegistrationState),
  createdAt: z.string(),
})
export type AccountView = z.infer<typeof AccountView>

/** One notice in the message center (消息). */
export const MessageView = z.object({
  id: z.string(),
  title: z.string(),
  tag: z.string(),
  text: z.string(),
  /** The page it concerns ('packages/…/index?id=…'), or empty. */
  page: z.string(),
  createdAt: z.string(),
  read: z.boolean(),
})
export type MessageView = z.infer<typeof MessageView>

/** How long the message center keeps a notice. */
export const MESSAGE_KEEP_DAYS = 365

/** What each kind of background export makes, in words ('<function>.<action>' → label). */
export const EXPORT_KIND_LABELS: Record<string, string> = {
  'service.exportReport': '志愿服务时长汇总',
  'perk.exportTotals': '爱心商家优惠核销汇总',
}

/** One of my exports (我的导出): the job as its export page shows it, and what it is of. */
export const MyExportView = ExportJob.extend({
  /** '<function>.<action>' that made it. */
  kind: z.string(),
  kindLabel: z.string(),
  /** Where its figures are from (全市, 清城区, 凤城街道). */
  scope: z.string(),
  /** The month or dates it covers, in words ('' when it covers no period). */
  period: z.string(),
})
export type MyExportView = z.infer<typeof MyExportView>

export const account = {
  me: action({
    summary: '查看我的账号（首次调用时创建）',
    silent: '首次打开时为本人建立账号，无需告知他人',
    input: z.object({}),
    output: AccountView.extend({ unreadMessages: z.number().int() }),
    access: { who: 'signed_in' },
  }),
  unread: action({
    summary: '未读消息数',
    input: z.object({}),
    output: z.object({ unread: z.number().int() }),
    access: { who: 'signed_in' },
  }),
  messages: action({
    summary: '我的消息（最新在前，保留一年）',
    input: PageInput,
    output: z.object({
      items: z.array(MessageView),
      total: z.number().int(),
      unread: z.number().int(),
      /** The caller reviews others' work (township, county, city, bank): offer the daily 待办 reminder. */
      reviewer: z.boolean(),
    }),
    access: { who: 'signed_in' },
  }),
  readMessages: action({
    summary: '标为已读（指定的消息，或全部）',
    silent: '本人操作，结果当场显示在本人的页面上',
    input: z.union([
      z.object({ ids: z.array(z.string().min(1).max(64)).min(1, '请选择消息').max(50, '一次最多 50 条').describe('消息') }),
      z.object({ all: z.literal(true).describe('全部') }),
    ]),
    output: z.object({ unread: z.number().int() }),
    access: { who: 'signed_in' },
  }),
  myExports: action({
    summary: '我的导出：本人近 3 天发起的导出（最新在前，分页）：进度、完成的文件（新的临时链接）、失败原因',
    input: PageInput,
    output: z.object({ items: z.array(MyExportView), total: z.number().int() }),
    access: { who: 'signed_in' },
  }),
  updateProfile: action({
    summary: '修改昵称和头像',
    silent: '本人操作，结果当场显示在本人的页面上',
    input: z
      .object({
        nickname: text('昵称', 20).optional(),
        /** A picture the user uploaded to their upload folder (checked and moved by the function). */
        avatarFileId: z
          .string()
          .describe('头像')
          .regex(/^cloud:\/\/[A-Za-z0-9._-]+\/uploads\/[A-Za-z0-9_-]{1,64}\/[A-Za-z0-9_.-]{1,120}$/, '头像文件无效')
          .optional(),
      })
      .refine((v) => v.nickname !== undefined || v.avatarFileId !== undefined, { message: '没有要修改的内容', path: ['nickname'] }),
    output: AccountView,
    access: { who: 'signed_in' },
    moderate: ['nickname'],
  }),
  bindPhone: action({
    summary: '绑定手机号（微信手机号快速验证）',
    silent: '本人操作，结果当场显示在本人的页面上',
    input: z.object({ code: z.string({ error: '未获得手机号授权' }).describe('手机号授权').min(1, '未获得手机号授权').max(200) }),
    output: AccountView,
    access: { who: 'signed_in' },
    rateLimit: { max: 10, windowSeconds: 3600 },
  }),
  close: action({
    summary: '撤回同意并注销账号（删除个人信息，保留他人记录所需的匿名数据）',
    silent: '本人注销，账号与消息一并删除，无人可告知',
    input: z.object({ confirm: z.literal(true, { error: '请确认注销' }).describe('确认'), reason: freeText('原因', 200).default('') }),
    output: z.object({ closed: z.boolean() }),
    access: { who: 'signed_in' },
  }),
}
