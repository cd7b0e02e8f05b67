// An approved registration: read only (changed through the county league), and the page after a
// submit, waiting for the review.
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { maskIdNumber } from '@contract/personal'
import type { MyRegistration } from '@contract/registration'
import { FormBanner } from '@/components/account/FormBanner'
import { Button } from '@/components/ui/Button'
import { StateView } from '@/components/ui/StateView'
import { ROUTES } from '@/constants/routes'
import { chineseDate, dateTime } from '@/components/ui/format'

const backToMine = () => void Taro.switchTab({ url: ROUTES.mine })

export function Approved({ reg: r, title }: { reg: MyRegistration; title: string }) {
  return (
    <>
      <FormBanner tone='approved' title='注册已通过审核' text={`${r.reviewedAt ? `${dateTime(r.reviewedAt)} 通过。` : ''}如需修改信息，请联系${r.countyName}团委。`} />
      <View className='form-card'>
        <Text className='form-card__title'>{title}</Text>
        <Summary reg={r} />
      </View>
      <Button kind='outline' className='register__back' onClick={backToMine}>
        返回我的
      </Button>
    </>
  )
}

export function Submitted({ reg }: { reg: MyRegistration }) {
  return (
    <View className='form-page register'>
      <StateView
        tone='ok'
        title='已提交，等待县（市、区）团委审核'
        desc={`${reg.countyName}团委会尽快审核，结果会通过微信服务通知告诉你，也可以在「我的」页面查看。审核通过前，你仍可修改后重新提交。`}
      >
        <Button className='register__back' onClick={backToMine}>
          返回我的
        </Button>
      </StateView>
    </View>
  )
}

/** 2026-07-01 → 2026.07.01 (compact, for the summary) */
const dotted = (ymd: string) => ymd.replace(/-/g, '.')

function Summary({ reg }: { reg: MyRegistration }) {
  const rows: [string, string][] = [
    ['姓名', reg.name],
    ['身份证号', maskIdNumber(reg.idNumber)],
    ['性别', reg.gender === 'male' ? '男' : '女'],
    ['出生日期', chineseDate(reg.birthDate)],
    ['手机号', reg.mobile],
    [reg.kind === 'volunteer' ? '服务镇街' : '所在镇街', `${reg.countyName} · ${reg.townshipName}`],
  ]
  if (reg.kind === 'volunteer') {
    rows.push(
      ['服务期', `${dotted(reg.termStart)} – ${dotted(reg.termEnd)}`],
      ['毕业院校', reg.school],
      ['所学专业', reg.major],
      ['毕业年份', reg.graduationYear ? `${reg.graduationYear}年` : ''],
      ['政治面貌', reg.politicalStatus],
      ['特长', reg.skills.join('、')],
    )
  } else {
    rows.push(['行业或项目', reg.occupation])
  }
  return (
    <View className='register__summary'>
      {rows.map(([k, v]) => (
        <View key={k} className='form-kv'>
          <Text className='form-kv__key'>{k}</Text>
          <Text className='form-kv__value'>{v || '—'}</Text>
        </View>
      ))}
    </View>
  )
}
