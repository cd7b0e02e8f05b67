// Stations take check-ins only within their opening hours (Shanghai time), and the demo stations
// keep office hours (08:30–17:30). Tests that check in run at any hour: they open the stations
// they use all day first, so a run at 03:00 Shanghai is not refused for the hour.
import type { LocalCloud } from '../../localcloud/server'

/** Opening hours that take check-ins at every minute of the day. */
export const ALL_DAY = { opensAt: '00:00', closesAt: '23:59' } as const

/** Sets stations' opening hours (all of them when no ids are given), straight in the database. */
export async function setStationHours(cloud: LocalCloud, hours: { opensAt: string; closesAt: string }, ids?: string[]): Promise<void> {
  for (const id of ids ?? [...cloud.store.get('stations').docs.keys()]) {
    await cloud.db.handle('database.modifyDocument', {
      collectionName: 'stations',
      queryType: 'DOC',
      query: JSON.stringify({ _id: id }),
      data: JSON.stringify({ $set: hours }),
      merge: true,
    })
  }
}

/** Opens stations all day (all of them when no ids are given). */
export function openAllDay(cloud: LocalCloud, ids?: string[]): Promise<void> {
  return setStationHours(cloud, ALL_DAY, ids)
}

/** A fix as the phone would send it for a check-in: taken just now. */
export const fresh = <R extends { lat: number; lng: number; accuracy: number }>(reading: R): R & { at: number } => ({ ...reading, at: Date.now() })
