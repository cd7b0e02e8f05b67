// Distances between GCJ-02 coordinates (what getLocation returns in mainland China). Over a
// station's radius the offset between datums cancels out; haversine on a sphere is plenty.
import type { Coordinate } from '../../types/station'

const EARTH_RADIUS_M = 6371008.8
const rad = (deg: number) => (deg * Math.PI) / 180

export function distanceMetres(a: Coordinate, b: Coordinate): number {
  const dLat = rad(b.lat - a.lat)
  const dLng = rad(b.lng - a.lng)
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)))
}
