// Where things are, as both sides compute it: the distance between two GCJ-02 coordinates (what
// wx.getLocation returns in mainland China), the box a nearby search looks in, and how coarse a
// reading may be before its record is flagged. (The bounds a coordinate must lie in are a
// field's rule: field-rules.ts.) No zod, no dates: any page (main package included) can import it.

/** A point: latitude and longitude in degrees (GCJ-02). */
export interface LatLng {
  lat: number
  lng: number
}

const EARTH_RADIUS_M = 6371008.8
const rad = (deg: number) => (deg * Math.PI) / 180

/**
 * Metres between two coordinates: haversine on a sphere. Over a station's radius the offset
 * between datums cancels out, and a sphere is plenty.
 */
export function distanceMetres(a: LatLng, b: LatLng): number {
  const dLat = rad(b.lat - a.lat)
  const dLng = rad(b.lng - a.lng)
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)))
}

/** The latitude and longitude ranges that hold every point within `radiusKm` of a centre (a box to query, then exact distances). */
export function boxAround(centre: LatLng, radiusKm: number): { lat: [number, number]; lng: [number, number] } {
  const dLat = radiusKm / 111
  const dLng = radiusKm / (111 * Math.cos(rad(centre.lat)))
  return { lat: [centre.lat - dLat, centre.lat + dLat], lng: [centre.lng - dLng, centre.lng + dLng] }
}

/**
 * A location reading less precise than this (metres) is accepted but flagged 定位精度低: the
 * default of the city's setting `coarseAccuracyM`, which the functions apply (the app uses the
 * setting's value once it has read it, this until then).
 */
export const DEFAULT_COARSE_ACCURACY_M = 500
