// Demo data (data/demo.json): the personas the development gateway offers, and seeding
// them into a local cloud. A persona's roles are written directly: demo seeding is a
// deployment step, like configuring the first city admin.
import fs from 'node:fs'
import path from 'node:path'
import { EJSON } from 'bson'
import type { Persona } from '../localcloud/gateway'
import type { LocalCloud } from '../localcloud/server'
import type { RoleGrant } from '../types/common'

export interface DemoPersona extends Persona {
  roles: RoleGrant[]
}

export interface DemoData {
  personas: DemoPersona[]
  stations: { id: string; name: string; townshipCode: string; address: string; lat: number; lng: number; radiusM: number; hours: string }[]
  merchants: { id: string; name: string; category: string; countyCode: string; address: string; lat: number; lng: number }[]
  perks: { id: string; merchantId: string; title: string; description: string; minStar: number; perDay: number; perMonth: number; quota: number }[]
  banks: { id: string; name: string }[]
  employers: { id: string; name: string; type: string }[]
}

export const demo = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../data/demo.json'), 'utf8')) as DemoData

/** The gateway's persona list: the demo personas and a brand-new WeChat user. */
export function gatewayPersonas(): Persona[] {
  return [
    ...demo.personas.map(({ id, openid, name, description }) => ({ id, openid, name, description })),
    { id: 'new', openid: '', name: '新用户', description: '一个从未使用过乡青汇的微信用户' },
  ]
}

/** Writes the demo personas' accounts if they are not there yet; returns how many were added. */
export async function seedDemo(cloud: LocalCloud): Promise<number> {
  const users = cloud.store.get('users')
  const existing = new Set([...users.docs.values()].map((u) => u.openid))
  const now = new Date()
  const missing = demo.personas.filter((p) => !existing.has(p.openid))
  if (missing.length === 0) return 0
  await cloud.db.handle('database.insertDocument', {
    collectionName: 'users',
    data: missing.map((p) =>
      EJSON.stringify(
        { openid: p.openid, nickname: p.name, avatarFileId: '', mobile: '', roles: p.roles, status: 'active', createdAt: now, updatedAt: now },
        { relaxed: false },
      ),
    ),
  })
  return missing.length
}
