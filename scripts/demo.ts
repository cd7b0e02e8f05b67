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

/** Inserts the documents a collection does not have yet (by _id, or by a key field). */
async function insertMissing(cloud: LocalCloud, collection: string, docs: Record<string, unknown>[], key = '_id'): Promise<number> {
  const present = new Set([...cloud.store.get(collection).docs.values()].map((d) => d[key]))
  const missing = docs.filter((d) => !present.has(d[key]))
  if (missing.length === 0) return 0
  await cloud.db.handle('database.insertDocument', { collectionName: collection, data: missing.map((d) => EJSON.stringify(d, { relaxed: false })) })
  return missing.length
}

/**
 * Writes the demo personas' accounts and the partner organisations their roles point at, if
 * they are not there yet; returns how many personas were added.
 */
export async function seedDemo(cloud: LocalCloud): Promise<number> {
  const now = new Date()
  const org = (o: { id: string; name: string; countyCode?: string }) => ({ _id: o.id, name: o.name, countyCode: o.countyCode ?? '', status: 'active', createdAt: now })
  await insertMissing(cloud, 'merchants', demo.merchants.map(org))
  await insertMissing(cloud, 'banks', demo.banks.map(org))
  await insertMissing(cloud, 'employers', demo.employers.map(org))
  return insertMissing(
    cloud,
    'users',
    demo.personas.map((p) => ({ openid: p.openid, nickname: p.name, avatarFileId: '', mobile: '', roles: p.roles, status: 'active', createdAt: now, updatedAt: now })),
    'openid',
  )
}
