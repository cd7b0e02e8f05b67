// 结业证书: my certificate of a completed course (?course=), or anyone's by its code (?code=, as
// the QR on the certificate opens it): the name masked, the course, hours, sessions, the date and
// the 核验码 anyone can check.
import { Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import type { TrainingCertificateView } from '@contract/training'
import { call, CallError } from '@/services/cloud'
import { param } from '@/components/fair/format'
import { PageStates } from '@/components/ui/PageStates'
import { Qr } from '@/components/ui/Qr'
import { usePageState } from '@/components/ui/page-state'
import { chineseDate } from '@/components/ui/format'
import { TRAINING_KIND_LABELS } from '@/components/training/labels'

import '@/components/ui/panel.scss'
import '@/components/training/training.scss'

export default function Certificate() {
  const { params } = useRouter()
  const course = param(params.course)
  const code = param(params.code)
  const page = usePageState<TrainingCertificateView>(async () => {
    if (code) return call('training.verify', { code })
    if (course) {
      try {
        return await call('training.certificate', { courseId: course })
      } catch (err) {
        if (err instanceof CallError && err.code === 'CONFLICT') throw new CallError({ code: 'NOT_FOUND', message: err.message })
        throw err
      }
    }
    throw new CallError({ code: 'NOT_FOUND', message: '请从学习记录打开证书，或扫描证书上的二维码核验。' })
  }, [course, code])
  return (
    <View className='panel-page tr-certificate'>
      <PageStates state={page.state} retry={page.retry} notFound={{ title: '没有找到这份证书', text: '请核对核验码；完成课程后证书自动生成。' }}>
        {(c) => (
          <View className='tr-cert'>
            <Text className='tr-cert__eyebrow'>共青团清远市委员会</Text>
            <Text className='tr-cert__title'>结业证书</Text>
            {c.revokedAt ? (
              <Text className='tr-cert__revoked'>已撤销：{chineseDate(c.revokedAt)} 出勤登记更正后未达到结业要求，本证书不再有效</Text>
            ) : null}
            <Text className='tr-cert__text'>
              {c.name} 同志参加{c.department}举办的{TRAINING_KIND_LABELS[c.kind]}「{c.courseTitle}」，完成全部学习内容，准予结业。
            </Text>
            <Text className='tr-cert__hours'>{c.hours} 学时</Text>
            {c.sessions.map((s) => (
              <Text key={`${s.date}${s.title}`} className='tr-cert__row'>
                {s.date} {s.title}
              </Text>
            ))}
            <Text className='tr-cert__row'>结业日期：{chineseDate(c.completedAt)}</Text>
            <Text className='tr-cert__code'>核验码 {c.code}</Text>
            <Qr className='tr-cert__qr' text={`packages/training/certificate/index?code=${c.code}`} />
            <Text className='tr-cert__row'>扫码或在「证书核验」输入核验码即可查验真伪</Text>
          </View>
        )}
      </PageStates>
    </View>
  )
}
