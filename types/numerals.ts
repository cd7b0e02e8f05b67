// Star levels as they are said (二星志愿者, 升至三星). Its own small module, without zod: pages
// that never name a star level (the township's, at the edge of its size budget) do not carry it.

const NUMERALS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十']

/** 一 … 十; larger numbers as digits. */
export function numeral(n: number): string {
  return NUMERALS[n] ?? String(n)
}
