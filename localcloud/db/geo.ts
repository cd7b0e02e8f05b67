// GeoJSON predicates for the geo query commands (geoNear, geoWithin, geoIntersects)
// and the $geoNear stage. The platform evaluates them on a sphere (MongoDB 2dsphere);
// distances here are great-circle distances on the same sphere, while containment and
// intersection treat edges as straight lines in longitude/latitude, which differs from
// great-circle edges by far less than a station's radius at the scale of a city.
import { isPlainObject } from './values'

/** MongoDB's earth radius for 2dsphere distances, in metres. */
export const EARTH_RADIUS_M = 6378100

type Position = [number, number]
export type Geometry =
  | { type: 'Point'; coordinates: Position }
  | { type: 'LineString'; coordinates: Position[] }
  | { type: 'Polygon'; coordinates: Position[][] }
  | { type: 'MultiPoint'; coordinates: Position[] }
  | { type: 'MultiLineString'; coordinates: Position[][] }
  | { type: 'MultiPolygon'; coordinates: Position[][][] }

const isPosition = (value: unknown): value is Position =>
  Array.isArray(value) && value.length >= 2 && typeof value[0] === 'number' && typeof value[1] === 'number'

const depth: Record<Geometry['type'], number> = {
  Point: 0,
  LineString: 1,
  MultiPoint: 1,
  Polygon: 2,
  MultiLineString: 2,
  MultiPolygon: 3,
}

export function asGeometry(value: unknown): Geometry | null {
  if (!isPlainObject(value) || typeof value.type !== 'string' || !(value.type in depth)) return null
  const want = depth[value.type as Geometry['type']]
  const check = (node: unknown, level: number): boolean =>
    level === 0 ? isPosition(node) : Array.isArray(node) && node.every((child) => check(child, level - 1))
  return check(value.coordinates, want) ? (value as unknown as Geometry) : null
}

const rad = (deg: number) => (deg * Math.PI) / 180

/** Great-circle distance in metres (haversine). */
export function distanceMetres(a: Position, b: Position): number {
  const dLat = rad(b[1] - a[1])
  const dLng = rad(b[0] - a[0])
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a[1])) * Math.cos(rad(b[1])) * Math.sin(dLng / 2) ** 2
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)))
}

function positions(geometry: Geometry): Position[] {
  switch (geometry.type) {
    case 'Point':
      return [geometry.coordinates]
    case 'LineString':
    case 'MultiPoint':
      return geometry.coordinates
    case 'Polygon':
    case 'MultiLineString':
      return geometry.coordinates.flat()
    case 'MultiPolygon':
      return geometry.coordinates.flat(2)
  }
}

/** Distance from a point to the nearest vertex of a geometry (what $near uses for non-points, approximately). */
export function distanceToGeometry(from: Position, geometry: Geometry): number {
  return Math.min(...positions(geometry).map((p) => distanceMetres(from, p)))
}

function pointInRing(point: Position, ring: Position[]): boolean {
  let inside = false
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]
    const [xj, yj] = ring[j]
    if (yi > point[1] !== yj > point[1] && point[0] < ((xj - xi) * (point[1] - yi)) / (yj - yi) + xi) inside = !inside
  }
  return inside
}

function pointInPolygon(point: Position, polygon: Position[][]): boolean {
  const [outer, ...holes] = polygon
  return pointInRing(point, outer) && !holes.some((hole) => pointInRing(point, hole))
}

const cross = (o: Position, a: Position, b: Position) => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])

function onSegment(p: Position, a: Position, b: Position): boolean {
  return (
    Math.abs(cross(a, b, p)) < 1e-12 &&
    Math.min(a[0], b[0]) <= p[0] &&
    p[0] <= Math.max(a[0], b[0]) &&
    Math.min(a[1], b[1]) <= p[1] &&
    p[1] <= Math.max(a[1], b[1])
  )
}

function segmentsIntersect(a: Position, b: Position, c: Position, d: Position): boolean {
  const d1 = cross(c, d, a)
  const d2 = cross(c, d, b)
  const d3 = cross(a, b, c)
  const d4 = cross(a, b, d)
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) return true
  return onSegment(a, c, d) || onSegment(b, c, d) || onSegment(c, a, b) || onSegment(d, a, b)
}

type Part = { kind: 'point'; at: Position } | { kind: 'line'; path: Position[] } | { kind: 'polygon'; rings: Position[][] }

function parts(geometry: Geometry): Part[] {
  switch (geometry.type) {
    case 'Point':
      return [{ kind: 'point', at: geometry.coordinates }]
    case 'MultiPoint':
      return geometry.coordinates.map((at) => ({ kind: 'point', at }))
    case 'LineString':
      return [{ kind: 'line', path: geometry.coordinates }]
    case 'MultiLineString':
      return geometry.coordinates.map((path) => ({ kind: 'line', path }))
    case 'Polygon':
      return [{ kind: 'polygon', rings: geometry.coordinates }]
    case 'MultiPolygon':
      return geometry.coordinates.map((rings) => ({ kind: 'polygon', rings }))
  }
}

const edges = (path: Position[]): [Position, Position][] => path.slice(1).map((p, i) => [path[i], p])
const partEdges = (part: Part): [Position, Position][] =>
  part.kind === 'line' ? edges(part.path) : part.kind === 'polygon' ? part.rings.flatMap(edges) : []
const partVertices = (part: Part): Position[] =>
  part.kind === 'point' ? [part.at] : part.kind === 'line' ? part.path : part.rings.flat()

function partsIntersect(a: Part, b: Part): boolean {
  if (a.kind === 'point' && b.kind === 'point') return a.at[0] === b.at[0] && a.at[1] === b.at[1]
  if (a.kind === 'polygon' && partVertices(b).some((p) => pointInPolygon(p, a.rings))) return true
  if (b.kind === 'polygon' && partVertices(a).some((p) => pointInPolygon(p, b.rings))) return true
  if (a.kind === 'point') return partEdges(b).some(([p, q]) => onSegment(a.at, p, q))
  if (b.kind === 'point') return partEdges(a).some(([p, q]) => onSegment(b.at, p, q))
  const bEdges = partEdges(b)
  return partEdges(a).some(([p, q]) => bEdges.some(([r, s]) => segmentsIntersect(p, q, r, s)))
}

export function intersects(a: Geometry, b: Geometry): boolean {
  const bParts = parts(b)
  return parts(a).some((pa) => bParts.some((pb) => partsIntersect(pa, pb)))
}

/** Whether a geometry lies entirely inside a Polygon or MultiPolygon. */
export function within(inner: Geometry, outer: Geometry): boolean {
  const areas = parts(outer).filter((p): p is Extract<Part, { kind: 'polygon' }> => p.kind === 'polygon')
  return positions(inner).every((p) => areas.some((area) => pointInPolygon(p, area.rings)))
}

/** $geoWithin: {$centerSphere: [[lng, lat], radiusInRadians]} */
export function withinCenterSphere(inner: Geometry, center: Position, radiusRadians: number): boolean {
  const limit = radiusRadians * EARTH_RADIUS_M
  return positions(inner).every((p) => distanceMetres(center, p) <= limit)
}
