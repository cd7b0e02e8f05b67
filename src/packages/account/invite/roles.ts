// What an invitation grants, in the invitee's words, and the name they accept it under (the
// contract's rule, checked before the confirmation). No Taro: unit-tested in Node.
import type { OutputOf } from '@contract/index'
import { PERSON_NAME_PATTERN } from '@contract/personal'
import { ROLE_LABELS } from '@contract/roles'

export type Preview = OutputOf<'grants.previewInvitation'>

/** One character that stands for each granted role. */
export const ROLE_MARKS: Record<Preview['role'], string> = {
  township_staff: '镇',
  county_admin: '县',
  city_admin: '市',
  merchant: '商',
  bank_officer: '银',
  employer: '企',
  judge: '评',
}

/** What each role will do, so the invitee knows what they accept. */
export const ROLE_DUTIES: Record<Preview['role'], string> = {
  township_staff: '审核本镇街志愿者的签到，管理驿站和签到码',
  county_admin: '审核本县（市、区）的注册和贷款申请，管理镇街与驿站',
  city_admin: '管理全市的商家、岗位对接会、授权和报表',
  merchant: '扫码核销志愿者的爱心优惠',
  bank_officer: '受理创业贴息贷款的审批、放款与还款登记',
  employer: '发布岗位、查看报名并登记招聘结果',
  judge: '按评分细则为大赛作品评分，与作品有利益关系时声明回避',
}

/** Why this name cannot be the invitee's ('' when it can). */
export function nameProblem(name: string): string {
  const realName = name.trim()
  if (!realName) return '请填写你的真实姓名，方便管理员确认身份'
  return PERSON_NAME_PATTERN.test(realName) ? '' : '姓名只能包含汉字（或英文字母），2–20 个字'
}

/** What the confirmation says the invitee is about to become. */
export function acceptQuestion(p: Pick<Preview, 'role' | 'scopeName'>): string {
  return `接受后，你的微信账号将获得「${ROLE_LABELS[p.role]}${p.scopeName ? ` · ${p.scopeName}` : ''}」身份，可以${ROLE_DUTIES[p.role]}。此邀请码随即失效。`
}
