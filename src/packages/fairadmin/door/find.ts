// Finding someone at the door whose phone cannot show the entry code: what the search box holds
// (part of a name, or the mobile's last 4 digits), and what the door may do for each person
// found. No Taro here: unit-tested in Node.
import type { AdminSignupView } from '@contract/fair'

export type DoorQuery = { kind: 'none' } | { kind: 'search'; keyword: string } | { kind: 'invalid'; message: string }

/** The search box's text as a query (the function checks it too, and says the same). */
export function doorQuery(text: string): DoorQuery {
  const t = text.trim()
  if (!t) return { kind: 'none' }
  if (/^\d+$/.test(t)) return t.length === 4 ? { kind: 'search', keyword: t } : { kind: 'invalid', message: '按手机尾号查找请输入手机号后 4 位' }
  if (t.length > 20) return { kind: 'invalid', message: '姓名最多 20 个字' }
  return { kind: 'search', keyword: t }
}

export type DoorAction = { kind: 'admit' } | { kind: 'none'; label: string; tone: 'green' | 'amber' | 'grey' }

/** What the door can do for a person found: let them in, or why not (already in, waiting, cancelled). */
export function doorAction(s: Pick<AdminSignupView, 'status' | 'checkedInAt' | 'waitingRank'>, clock: (iso: string) => string): DoorAction {
  if (s.status === 'confirmed') return s.checkedInAt ? { kind: 'none', label: `${clock(s.checkedInAt)} 已签到`, tone: 'green' } : { kind: 'admit' }
  if (s.status === 'waiting') return { kind: 'none', label: s.waitingRank > 0 ? `候补第 ${s.waitingRank} 位，不能入场` : '候补中，不能入场', tone: 'amber' }
  return { kind: 'none', label: '报名已取消', tone: 'grey' }
}

/** The confirmation before letting someone in by name (it cannot be undone). */
export function admitPrompt(s: Pick<AdminSignupView, 'name' | 'mobileMasked' | 'townshipName'>): string {
  const who = [s.mobileMasked, s.townshipName].filter(Boolean).join('，')
  return `请核对本人：${s.name}${who ? `（${who}）` : ''}。签到后不能撤销，会记录你的操作并通知本人。`
}
