// 业务参数：每日时长上限、签到半径、星级门槛等，团市委可修改（默认值见 types/settings.ts）。
import { settings } from '../../types/settings'
import { audit } from '../_shared/audit'
import { COLLECTIONS, type SettingsDoc } from '../_shared/collections'
import { db } from '../_shared/cloud'
import { defineFunction } from '../_shared/handler'
import { forgetSettings, loadSettings, SETTINGS_ID } from '../_shared/settings'

export const main = defineFunction('settings', settings, {
  async get(_input, ctx) {
    return loadSettings(ctx.now.getTime())
  },

  async update(input, ctx) {
    const before = await loadSettings(0)
    const { data: doc } = await db.collection<SettingsDoc>(COLLECTIONS.settings).doc(SETTINGS_ID).get()
    const changes = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined))
    const values = { ...(doc?.values ?? {}), ...changes }
    const me = (await ctx.user())!
    await db.collection<SettingsDoc>(COLLECTIONS.settings).doc(SETTINGS_ID).set({ data: { values, updatedAt: ctx.now, updatedBy: me._id } })
    forgetSettings()
    await audit(ctx.now, { actorId: me._id, action: 'settings.update', targetType: 'settings', targetId: SETTINGS_ID, before, after: { ...before, ...changes }, reason: '' })
    return { ...before, ...changes }
  },
})
