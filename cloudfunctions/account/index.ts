// 账号：我是谁、我的资料与角色。
import type { AccountView } from '../../types/account'
import { COLLECTIONS, type UserDoc } from '../_shared/collections'
import { db, files } from '../_shared/cloud'
import { defineFunction } from '../_shared/handler'
import { maskMobile } from '../_shared/mask'

async function view(user: UserDoc): Promise<AccountView> {
  const avatarUrl = user.avatarFileId ? ((await files.tempUrls([user.avatarFileId])).get(user.avatarFileId) ?? '') : ''
  return {
    userId: user._id,
    nickname: user.nickname,
    avatarUrl,
    mobileMasked: maskMobile(user.mobile),
    roles: user.roles,
    createdAt: user.createdAt.toISOString(),
  }
}

export const main = defineFunction('account', {
  async me(_input, ctx) {
    return view(await ctx.account())
  },

  async updateProfile(input, ctx) {
    const user = await ctx.account()
    const changes: Partial<UserDoc> = { updatedAt: ctx.now }
    if (input.nickname !== undefined) changes.nickname = input.nickname
    if (input.avatarFileId !== undefined) changes.avatarFileId = input.avatarFileId
    await db.collection<UserDoc>(COLLECTIONS.users).doc(user._id).update({ data: changes })
    return view({ ...user, ...changes })
  },
})
