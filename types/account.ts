// The `account` function: who the caller is, their profile and roles.
import { action, RoleGrant, text } from './common'
import * as z from './zod'

export const AccountView = z.object({
  userId: z.string(),
  nickname: z.string(),
  /** A displayable URL for the avatar (a temp URL of the cloud file), or empty. */
  avatarUrl: z.string(),
  /** The mobile number masked (138****8000), or empty when none is bound. */
  mobileMasked: z.string(),
  roles: z.array(RoleGrant),
  createdAt: z.string(),
})
export type AccountView = z.infer<typeof AccountView>

export const account = {
  me: action({
    summary: '查看我的账号（首次调用时创建）',
    input: z.object({}),
    output: AccountView,
    access: { who: 'signed_in' },
  }),
  updateProfile: action({
    summary: '修改昵称和头像',
    input: z
      .object({
        nickname: text('昵称', 20).optional(),
        avatarFileId: z
          .string()
          .regex(/^cloud:\/\/[A-Za-z0-9._-]+\/avatars\/[A-Za-z0-9_.-]{1,120}$/, '头像文件无效')
          .optional(),
      })
      .refine((v) => v.nickname !== undefined || v.avatarFileId !== undefined, { message: '没有要修改的内容', path: ['nickname'] }),
    output: AccountView,
    access: { who: 'signed_in' },
  }),
}
