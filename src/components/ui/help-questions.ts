// The questions people ask most about each programme, answered with the rules' current figures
// (the settings), for 帮助与咨询. Pure, so it is tested without a page.
import type { Settings } from '@contract/settings'

export type Programme = 'volunteer' | 'perks' | 'loan' | 'fair'

const hours = (minutes: number) => `${Math.round((minutes / 60) * 10) / 10}`

/** Each programme's common questions, in the words of its rules and with their current figures. */
export function questionsFor(programme: Programme, s: Settings): { q: string; a: string }[] {
  switch (programme) {
    case 'volunteer':
      return [
        { q: '签到时提示不在范围内怎么办？', a: `请到驿站附近（一般 ${s.defaultRadiusM} 米内）的室外空旷处重新定位；室内没有信号、手机没电的，可在 31 天内补签，每月可补签和申诉共 ${s.makeupsPerMonth} 次。` },
        { q: '服务时长怎么计算？', a: `从签到到签退，经镇街团委审核通过后计入；每天最多计入 ${hours(s.dailyCapMinutes)} 小时。忘记签退的，当天结束时自动结束并交镇街团委核实。` },
        { q: '星级怎么评定？', a: `累计审核通过的服务时长达到 ${s.starThresholdsHours.join('、')} 小时，分别为一至五星，可在「服务证明」中生成带核验码的证明。` },
      ]
    case 'perks':
      return [
        { q: '怎样使用爱心优惠？', a: '在优惠详情中出示优惠码，由商家扫码核销。优惠码约 1 分钟有效，会自动更新，请当面出示，不要截图转发。' },
        { q: '为什么有的优惠用不了？', a: '部分优惠要求达到一定星级，每人每天、每月的次数也有上限；商家暂停的优惠会暂时不显示。' },
      ]
    case 'loan':
      return [
        { q: '谁可以申请创业贴息贷款？', a: `已登记并通过审核的农村青年和乡村振兴志愿者，单笔最高 ${Math.round(s.loanCeilingFen / 1_000_000)} 万元，依次经县团委、团市委和合作银行审核。` },
        { q: '贴息怎么计算、打到哪里？', a: `按实际利率与放款日 LPR 加 ${(s.subsidySpreadBp / 100).toFixed(2)} 个百分点两者中较低者，按季度据实贴息（${s.subsidyDayBasis} 天计息），打入申请时填写的本人账户。` },
      ]
    case 'fair':
      return [
        { q: '怎样参加岗位对接会？', a: '在对接会详情中报名，凭入场码入场；名额已满可候补，有人取消时按报名先后递补，并会通知你。' },
        { q: '手机没电进不了场怎么办？', a: '告诉入口工作人员你的姓名或手机尾号，核对后可按姓名签到。' },
      ]
  }
}

