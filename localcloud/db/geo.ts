// GeoJSON predicates for the geo query commands (geoNear, geoWithin, geoIntersects)
// and the $geoNear stage. The platform evaluates them on a sphere (MongoDB 2dsphere, with
// Google's S2 library); distances here are computed as S2 computes them, on unit vectors,
// so that they agree with the platform's to the last digit, while containment and
// intersection treat edges as straight lines in longitude/latitude, which differs from
// great-circle edges by far less than a station's radius at the scale of a city.
import { isPlainObject } from './values'

/** MongoDB's earth radius for 2dsphere distances, in metres: `kRadiusOfEarthInMeters = (6378.1 * 1000)` in its geoconstants.h. */
export const EARTH_RADIUS_M = 6378.1 * 1000

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

// ---- S2's arithmetic: points on the unit sphere, in the order S2 does each operation ----

type Vec = [number, number, number]

const add = (a: Vec, b: Vec): Vec => [a[0] + b[0], a[1] + b[1], a[2] + b[2]]
const sub = (a: Vec, b: Vec): Vec => [a[0] - b[0], a[1] - b[1], a[2] - b[2]]
const scale = (a: Vec, k: number): Vec => [a[0] * k, a[1] * k, a[2] * k]
const dot = (a: Vec, b: Vec) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2]
const crossProd = (a: Vec, b: Vec): Vec => [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]]
const norm2 = (a: Vec) => dot(a, a)
const norm = (a: Vec) => Math.sqrt(norm2(a))

/** S2LatLng::FromDegrees(lat, lng).ToPoint(), with S1Angle::Degrees(d) = d * (M_PI / 180). */
function toPoint([lng, lat]: Position): Vec {
  const phi = lat * (Math.PI / 180)
  const theta = lng * (Math.PI / 180)
  const cosphi = Math.cos(phi)
  return [Math.cos(theta) * cosphi, Math.sin(theta) * cosphi, Math.sin(phi)]
}

/** S1Angle(a, b): Vector3::Angle, atan2(|a × b|, a · b). */
const angle = (a: Vec, b: Vec) => Math.atan2(norm(crossProd(a, b)), dot(a, b))

/** S2::RobustCrossProd: (b + a) × (b − a), twice a × b, stable when a and b are close. */
function robustCrossProd(a: Vec, b: Vec): Vec {
  const x = crossProd(add(b, a), sub(b, a))
  if (x[0] !== 0 || x[1] !== 0 || x[2] !== 0) return x
  // S2::Ortho(a): any vector orthogonal to a (the edge is degenerate).
  const k = Math.abs(a[0]) > Math.abs(a[1]) ? (Math.abs(a[0]) > Math.abs(a[2]) ? 1 : 0) : Math.abs(a[1]) > Math.abs(a[2]) ? 2 : 0
  const axis: Vec = [0, 0, 0]
  axis[k] = 1
  const o = crossProd(a, axis)
  return scale(o, 1 / norm(o))
}

/** S2::SimpleCCW(a, b, c). */
const simpleCCW = (a: Vec, b: Vec, c: Vec) => dot(crossProd(c, a), b) > 0

/** S2EdgeUtil::GetDistance(x, a, b): the angle from x to the edge ab. */
function edgeDistance(x: Vec, a: Vec, b: Vec): number {
  const aCrossB = robustCrossProd(a, b)
  if (simpleCCW(aCrossB, a, x) && simpleCCW(x, b, aCrossB)) {
    return Math.asin(Math.min(1, Math.abs(dot(x, aCrossB)) / norm(aCrossB)))
  }
  const linear = Math.min(norm2(sub(x, a)), norm2(sub(x, b)))
  return 2 * Math.asin(Math.min(1, 0.5 * Math.sqrt(linear)))
}

/** S2EdgeUtil::GetClosestPoint(x, a, b). */
function closestPoint(x: Vec, a: Vec, b: Vec): Vec {
  const aCrossB = robustCrossProd(a, b)
  const p = sub(x, scale(aCrossB, dot(x, aCrossB) / norm2(aCrossB)))
  if (simpleCCW(aCrossB, a, p) && simpleCCW(p, b, aCrossB)) {
    const n = norm(p)
    return n !== 0 ? scale(p, 1 / n) : p
  }
  return norm2(sub(x, a)) <= norm2(sub(x, b)) ? a : b
}

/** S2Polyline::Project then S1Angle: the angle from x to the nearest point of a path (or ring). */
function pathDistance(x: Vec, path: Position[]): number {
  const points = path.map(toPoint)
  if (points.length === 1) return angle(x, points[0])
  let min = 10
  let at = 1
  for (let i = 1; i < points.length; i++) {
    const d = edgeDistance(x, points[i - 1], points[i])
    if (d < min) {
      min = d
      at = i
    }
  }
  return angle(x, closestPoint(x, points[at - 1], points[at]))
}

/** Angle in radians between two positions, as MongoDB's S2Distance::distanceRad computes it. */
export function angularDistance(a: Position, b: Position): number {
  return angle(toPoint(a), toPoint(b))
}

/** Great-circle distance in metres on MongoDB's sphere. */
export function distanceMetres(a: Position, b: Position): number {
  return angularDistance(a, b) * EARTH_RADIUS_M
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

/**
 * Angle in radians from a point to a geometry, as MongoDB's geoNear computes it (S2Distance's
 * distanceRad and minDistanceRad): to a point, to the nearest point of a line, zero inside a
 * polygon and otherwise to the nearest point of its rings; the smallest over a Multi* geometry.
 */
export function angularDistanceToGeometry(from: Position, geometry: Geometry): number {
  const x = toPoint(from)
  switch (geometry.type) {
    case 'Point':
      return angle(x, toPoint(geometry.coordinates))
    case 'MultiPoint':
      return Math.min(...geometry.coordinates.map((p) => angle(x, toPoint(p))))
    case 'LineString':
      return pathDistance(x, geometry.coordinates)
    case 'MultiLineString':
      return Math.min(...geometry.coordinates.map((path) => pathDistance(x, path)))
    case 'Polygon':
      return polygonDistance(x, from, geometry.coordinates)
    case 'MultiPolygon':
      return Math.min(...geometry.coordinates.map((rings) => polygonDistance(x, from, rings)))
  }
}

function polygonDistance(x: Vec, from: Position, rings: Position[][]): number {
  if (pointInPolygon(from, rings)) return 0
  return Math.min(...rings.map((ring) => pathDistance(x, ring)))
}

/** Distance in metres from a point to a geometry (see `angularDistanceToGeometry`). */
export function distanceToGeometry(from: Position, geometry: Geometry): number {
  return angularDistanceToGeometry(from, geometry) * EARTH_RADIUS_M
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
  return positions(inner).every((p) => angularDistance(center, p) <= radiusRadians)
}
