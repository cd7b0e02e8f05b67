// Qingyuan's divisions (data/qingyuan-divisions.json), the calendar of the generated city
// (Shanghai days, as the functions count them), and the names people and places are given.
import fs from 'node:fs'
import path from 'node:path'

export interface County {
  code: string
  name: string
  seat: { approxLat: number; approxLng: number }
  townships: { code: string; name: string }[]
}
export interface Township {
  code: string
  name: string
  countyCode: string
  countyName: string
}

const divisions = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../data/qingyuan-divisions.json'), 'utf8')) as { city: { code: string; name: string }; counties: County[] }
export const CITY = divisions.city
export const COUNTIES: County[] = divisions.counties
export const TOWNSHIPS: Township[] = COUNTIES.flatMap((c) => c.townships.map((t) => ({ ...t, countyCode: c.code, countyName: c.name })))

const DAY_MS = 86_400_000
const SHANGHAI_MS = 8 * 3600_000

/** Days since the epoch of a Shanghai date (YYYY-MM-DD). */
export const dayNumber = (ymd: string) => Date.UTC(Number(ymd.slice(0, 4)), Number(ymd.slice(5, 7)) - 1, Number(ymd.slice(8, 10))) / DAY_MS
/** The Shanghai date of a day number. */
export const ymdOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10)
/** The instant of a Shanghai wall-clock minute on a day number. */
export const instant = (day: number, minuteOfDay: number) => new Date(day * DAY_MS + minuteOfDay * 60_000 - SHANGHAI_MS)
/** The Shanghai date of an instant. */
export const shanghaiYmd = (at: Date) => new Date(at.getTime() + SHANGHAI_MS).toISOString().slice(0, 10)
export const addDays = (at: Date, days: number) => new Date(at.getTime() + days * DAY_MS)
export const addMinutes = (at: Date, minutes: number) => new Date(at.getTime() + minutes * 60_000)

export const SURNAMES = ['陈', '黄', '李', '张', '梁', '林', '何', '刘', '吴', '罗', '邓', '朱', '冯', '钟', '潘', '邱', '谢', '廖', '赖', '徐', '曾', '温', '莫', '欧阳']
export const GIVEN = ['晓雨', '嘉欣', '志强', '俊杰', '美玲', '子豪', '思琪', '家明', '雅婷', '文杰', '建华', '丽娟', '国栋', '海燕', '伟', '芳', '敏', '静', '浩然', '梓涵', '宇轩', '欣怡', '诗雨', '泽宇', '一鸣', '秋菊', '春生', '金凤']
export const SCHOOLS = ['华南农业大学', '广东工业大学', '清远职业技术学院', '广州大学', '广东技术师范大学', '仲恺农业工程学院', '韶关学院', '暨南大学']
export const MAJORS = ['农林经济管理', '电子商务', '园艺', '市场营销', '社会工作', '计算机科学与技术', '旅游管理', '汉语言文学', '会计学']
export const OCCUPATIONS = ['砂糖橘种植', '农村电商', '民宿经营', '养殖', '茶叶种植与加工', '乡村旅游', '农产品加工']
export const SCHOOL_SKILLS = ['电子商务', '直播带货', '产业规划', '乡村旅游', '农业技术', '文化宣传', '教育辅导', '社会治理', '医疗卫生', '法律服务', '数据分析']
export const POLITICAL = ['中共党员', '中共预备党员', '共青团员', '群众']

/**
 * Minutes of service per Shanghai day between two instants: types/service-rules.ts's splitByDay
 * (whole minutes per day segment) on the fixed UTC+8 offset, which Shanghai has kept since 1991;
 * dayjs's time-zone plugin costs a millisecond a call, too slow for 200,000 sessions. The city
 * test checks the two agree on every generated session.
 */
export function splitByShanghaiDay(start: Date, end: Date): { date: string; minutes: number }[] {
  const out: { date: string; minutes: number }[] = []
  let cursor = start.getTime()
  const stop = end.getTime()
  while (cursor < stop) {
    const midnight = (Math.floor((cursor + SHANGHAI_MS) / DAY_MS) + 1) * DAY_MS - SHANGHAI_MS
    const segmentEnd = Math.min(midnight, stop)
    const minutes = Math.floor(Math.floor((segmentEnd - cursor) / 1000) / 60)
    if (minutes > 0) out.push({ date: shanghaiYmd(new Date(cursor)), minutes })
    cursor = segmentEnd
  }
  return out
}
