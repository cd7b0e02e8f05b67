// A service certificate, laid out like the paper one, with the QR code that opens its verification.
import { Text, View } from '@tarojs/components'
import { Qr } from '@/components/ui/Qr'
import { chineseDate, monthLabel, roundHours } from '@/components/ui/format'
import { Stars, starName } from './ui'
import type { CertificateView } from './volunteer'

import './certificate.scss'

/** The page a certificate's QR code points at. */
export const verifyPath = (code: string) => `packages/volunteer/verify/index?code=${code}`

/** ABCD EFGH JKLM */
export const spacedCode = (code: string) => code.replace(/(.{4})(?=.)/g, '$1 ')

/** A service certificate, laid out like the paper one. */
export function CertificatePaper({ cert }: { cert: CertificateView }) {
  const months = [...cert.byMonth].sort((a, b) => a.month.localeCompare(b.month))
  return (
    <View className='cert' data-code={cert.code}>
      <View className='cert__frame'>
        <View className='cert__seal'>
          <Text>青</Text>
        </View>
        <Text className='cert__org'>清远共青团 · 乡村振兴青年项目</Text>
        <Text className='cert__title'>志愿服务证明</Text>
        <Text className='cert__subtitle'>CERTIFICATE OF VOLUNTEER SERVICE</Text>

        <Text className='cert__body'>
          兹证明 <Text className='cert__name'>{cert.volunteerName}</Text> 同志作为乡村振兴志愿者，在{cert.countyName}
          {cert.townshipName}参加志愿服务，经镇街团委审核，累计服务时长
        </Text>
        <View className='cert__total'>
          <Text className='cert__hours'>{roundHours(cert.approvedHours)}</Text>
          <Text className='cert__unit'>小时</Text>
        </View>
        <View className='cert__level'>
          <Stars n={cert.star} />
          <Text className='cert__level-name'>{starName(cert.star)}</Text>
        </View>

        {cert.posts.length > 0 && (
          <View className='cert__posts'>
            <Text className='cert__posts-title'>担任职务</Text>
            {cert.posts.map((p) => (
              <View key={`${p.title}${p.from}`} className='cert__post'>
                <Text className='cert__post-title'>{p.title}</Text>
                <Text className='cert__post-span'>
                  {p.from} 至 {p.to ?? '今'}
                </Text>
              </View>
            ))}
          </View>
        )}

        {cert.byStation.length > 0 && (
          <View className='cert__table'>
            <View className='cert__row cert__row--head'>
              <Text className='cert__cell cert__cell--main'>服务驿站</Text>
              <Text className='cert__cell'>时长（小时）</Text>
            </View>
            {cert.byStation.map((s) => (
              <View key={s.stationName} className='cert__row'>
                <Text className='cert__cell cert__cell--main'>{s.stationName}</Text>
                <Text className='cert__cell cert__cell--num'>{roundHours(s.hours)}</Text>
              </View>
            ))}
          </View>
        )}

        {months.length > 0 && (
          <View className='cert__months'>
            <Text className='cert__months-title'>各月服务时长（小时）</Text>
            <View className='cert__month-grid'>
              {months.map((m) => (
                <View key={m.month} className='cert__month'>
                  <Text className='cert__month-label'>{monthLabel(m.month)}</Text>
                  <Text className='cert__month-hours'>{roundHours(m.hours)}</Text>
                </View>
              ))}
            </View>
          </View>
        )}

        <View className='cert__foot'>
          <View className='cert__facts'>
            <Text className='cert__fact-label'>签发日期</Text>
            <Text className='cert__fact'>{chineseDate(cert.issuedAt)}</Text>
            <Text className='cert__fact-label'>核验码</Text>
            <Text className='cert__code'>{spacedCode(cert.code)}</Text>
          </View>
          <Qr className='cert__qr' text={verifyPath(cert.code)} cell={6} />
        </View>
        <Text className='cert__hint'>扫描二维码，或在乡青汇「核验服务证明」中输入核验码，即可核验本证明的真实性。</Text>
      </View>
    </View>
  )
}
