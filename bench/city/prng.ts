// A seeded pseudo-random source (sfc32, seeded through splitmix32): the same seed gives the
// same sequence on every machine and run, so the city is the same city every time.
export class Prng {
  private a: number
  private b: number
  private c: number
  private d: number

  constructor(seed: number) {
    let s = seed >>> 0
    const next = () => {
      s = (s + 0x9e3779b9) >>> 0
      let z = s
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0
      return (z ^ (z >>> 16)) >>> 0
    }
    this.a = next()
    this.b = next()
    this.c = next()
    this.d = next()
    for (let i = 0; i < 12; i++) this.next()
  }

  /** A float in [0, 1). */
  next(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0
    this.d = (this.d + 1) >>> 0
    this.a = this.b ^ (this.b >>> 9)
    this.b = (this.c + (this.c << 3)) >>> 0
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0
    this.c = (this.c + t) >>> 0
    return t / 4294967296
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }

  chance(p: number): boolean {
    return this.next() < p
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]
  }

  /** A key of `weights` chosen in proportion to its weight. */
  weighted<K extends string>(weights: Readonly<Record<K, number>>): K {
    const entries = Object.entries(weights) as [K, number][]
    let r = this.next() * entries.reduce((n, [, w]) => n + w, 0)
    for (const [key, w] of entries) if ((r -= w) < 0) return key
    return entries[entries.length - 1][0]
  }

  /** `n` lowercase hex digits. */
  hex(n: number): string {
    let out = ''
    while (out.length < n) out += Math.floor(this.next() * 4294967296).toString(16).padStart(8, '0')
    return out.slice(0, n)
  }

  /** `n` characters of base64url (the shape of the functions' random nonces). */
  base64url(n: number): string {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
    let out = ''
    for (let i = 0; i < n; i++) out += alphabet[Math.floor(this.next() * 64)]
    return out
  }

  /** A fresh source for one part of the city, so adding to one part leaves the others as they were. */
  fork(label: string): Prng {
    let h = 2166136261
    for (const ch of label) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0
    return new Prng((h ^ Math.floor(this.next() * 4294967296)) >>> 0)
  }
}
