// 志愿服务驿站：镇街与县团委管理驿站；驿站小程序码（打印张贴）与现场轮换签到码；附近驿站。
import crypto from 'node:crypto'
import { boxAround, distanceMetres } from '../../types/geo-rules'
import { CHECKIN_PAGE, station, type StationView } from '../../types/station'
import { COLLECTIONS, type StationDoc } from '../_shared/collections'
import { _, cloud, db, files } from '../_shared/cloud'
import { config } from '../_shared/config'
import type { CallContext } from '../_shared/context'
import { townshipOf } from '../_shared/divisions'
import { forbidden, invalid, notFound } from '../_shared/errors'
import { defineFunction } from '../_shared/handler'
import { kioskCode, KIOSK_WINDOW_SECONDS } from '../_shared/kiosk'
import { loadSettings } from '../_shared/settings'
import { pageWithTotal } from '../_shared/paging'

const stations = () => db.collection<StationDoc>(COLLECTIONS.stations)

export function stationView(s: StationDoc, distanceM: number | null = null): StationView {
  return {
    id: s._id,
    name: s.name,
    address: s.address,
    townshipCode: s.townshipCode,
    townshipName: s.townshipName,
    countyName: s.countyName,
    location: s.location,
    radiusM: s.radiusM,
    opensAt: s.opensAt,
    closesAt: s.closesAt,
    active: s.active,
    distanceM: distanceM === null ? null : Math.round(distanceM),
  }
}

async function managedStation(id: string, ctx: CallContext): Promise<StationDoc> {
  const { data } = await stations().doc(id).get()
  if (!data) throw notFound('驿站不存在')
  await ctx.requireTownship(data.townshipCode, data.countyCode, '只能管理本镇街的驿站')
  return data
}

/** Station ids are short (they travel in a 小程序码 scene, `st=<id>`, 32 characters at most). */
function newStationId(): string {
  return `st${crypto.randomBytes(8).toString('hex')}`
}

export const main = defineFunction('station', station, {
  async list(input, ctx) {
    const parts: unknown[] = []
    if (input.townshipCode) {
      const place = townshipOf(input.townshipCode)
      if (!place) throw invalid('townshipCode', '镇街无效')
      await ctx.requireTownship(place.townshipCode, place.countyCode, '只能查看本镇街的驿站')
      parts.push({ townshipCode: input.townshipCode })
    } else {
      const reach = await ctx.townshipReach()
      if (reach !== 'city') {
        const or = [
          ...(reach.townships.size ? [{ townshipCode: _.in([...reach.townships]) }] : []),
          ...(reach.counties.size ? [{ countyCode: _.in([...reach.counties]) }] : []),
        ]
        parts.push(or.length === 1 ? or[0] : _.or(or))
      }
    }
    if (!input.includeInactive) parts.push({ active: true })
    const where = parts.length === 0 ? {} : parts.length === 1 ? parts[0] : _.and(parts)
    const { total, data } = await pageWithTotal(stations().where(where), [['townshipCode', 'asc']], input)
    return { items: data.map((s) => stationView(s)), total }
  },

  async nearby(input) {
    // A box around the caller, then exact distances: a city has hundreds of stations, not millions.
    const box = boxAround(input, input.radiusKm)
    const { data } = await stations()
      .where({ active: true, 'location.lat': _.gte(box.lat[0]).and(_.lte(box.lat[1])), 'location.lng': _.gte(box.lng[0]).and(_.lte(box.lng[1])) })
      .limit(100)
      .get()
    const items = data
      .map((s) => ({ s, d: distanceMetres(input, s.location) }))
      .filter(({ d }) => d <= input.radiusKm * 1000)
      .sort((a, b) => a.d - b.d)
      .slice(0, 30)
      .map(({ s, d }) => stationView(s, d))
    return { items }
  },

  async get(input) {
    const { data } = await stations().doc(input.id).get()
    if (!data) throw notFound('驿站不存在，请确认扫描的是驿站张贴的签到码')
    return stationView(data)
  },

  async save(input, ctx) {
    const place = townshipOf(input.townshipCode)
    if (!place) throw invalid('townshipCode', '请选择镇街')
    await ctx.requireTownship(place.townshipCode, place.countyCode, '只能管理本镇街的驿站')
    const me = (await ctx.user())!
    const fields = {
      name: input.name,
      address: input.address,
      townshipCode: place.townshipCode,
      townshipName: place.townshipName,
      countyCode: place.countyCode,
      countyName: place.countyName,
      location: { lat: input.location.lat, lng: input.location.lng },
      opensAt: input.opensAt,
      closesAt: input.closesAt,
      active: input.active,
      updatedAt: ctx.now,
    }
    if (input.id) {
      const existing = await managedStation(input.id, ctx)
      const radiusM = input.radiusM ?? existing.radiusM
      await stations().doc(existing._id).update({ data: { ...fields, radiusM } })
      return stationView({ ...existing, ...fields, radiusM })
    }
    const radiusM = input.radiusM ?? (await loadSettings()).defaultRadiusM
    const doc: StationDoc = { _id: newStationId(), ...fields, radiusM, createdBy: me._id, createdAt: ctx.now }
    await stations().add({ data: doc })
    return stationView(doc)
  },

  async printCode(input, ctx) {
    const s = await managedStation(input.id, ctx)
    const scene = `st=${s._id}`
    const res = (await cloud.openapi.wxacode.getUnlimited({ scene, page: CHECKIN_PAGE, checkPath: false, width: 860 } as never)) as { buffer: Buffer }
    const fileID = await files.upload(`stations/${s._id}.png`, res.buffer)
    return { imageUrl: (await files.tempUrls([fileID])).get(fileID) ?? '', scene, page: CHECKIN_PAGE }
  },

  async kioskCode(input, ctx) {
    const s = await managedStation(input.id, ctx)
    if (!s.active) throw forbidden('驿站已停用，不能生成签到码')
    const now = ctx.now.getTime()
    const windowStart = Math.floor(now / 1000 / KIOSK_WINDOW_SECONDS) * KIOSK_WINDOW_SECONDS
    return {
      code: kioskCode(s._id, windowStart, config.tokenKey()),
      expiresAt: new Date((windowStart + 2 * KIOSK_WINDOW_SECONDS) * 1000).toISOString(),
      refreshInSeconds: windowStart + KIOSK_WINDOW_SECONDS - Math.floor(now / 1000),
    }
  },
})

