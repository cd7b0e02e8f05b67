// One person who chose our positions: sign-up and door standing, the résumé (the mobile masked
// until an outcome is recorded, then with a call button), and each position chosen with its
// outcome and the button to record it.
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { ApplicantView } from '@contract/fair'
import { OUTCOME_LABELS, type Outcome } from '@contract/vocabulary'
import { Button } from '@/components/ui/Button'
import { Tag, type TagTone } from '@/components/ui/Tag'
import { momentText } from '@/components/ui/format'
import { ResumeCard } from '@/components/fair/ui'
import type { Choice } from '../use-outcome'

const OUTCOME_TONES: Record<Outcome, TagTone> = { interviewed: 'blue', offered: 'amber', hired: 'green', declined: 'grey' }

function Contact({ a }: { a: ApplicantView }) {
  return a.mobile ? (
    <View className='app-card__phone'>
      <Text className='panel-num app-card__mobile'>{a.mobile}</Text>
      <Text className='app-card__call' onClick={() => void Taro.makePhoneCall({ phoneNumber: a.mobile }).catch(() => undefined)}>
        拨打
      </Text>
    </View>
  ) : (
    <View className='app-card__phone'>
      <Text className='panel-num app-card__masked'>{a.resume.mobileMasked}</Text>
      <Text className='app-card__phone-hint'>{a.checkedIn ? '登记面试结果后显示' : '签到入场、登记面试结果后显示'}</Text>
    </View>
  )
}

function ChoiceRow({ a, c, onRecord }: { a: ApplicantView; c: Choice; onRecord: () => void }) {
  return (
    <View className='app-choice'>
      <View className='app-choice__main'>
        <Text className='app-choice__title'>应聘：{c.positionTitle}</Text>
        {c.outcome ? (
          <View className='app-choice__outcome'>
            <Tag tone={OUTCOME_TONES[c.outcome]} className={`app-choice__tag app-choice__tag--${c.outcome}`}>
              {OUTCOME_LABELS[c.outcome]}
            </Tag>
            <Text className='app-choice__at'>{momentText(c.at)}</Text>
          </View>
        ) : (
          <Text className='app-choice__pending'>待登记结果</Text>
        )}
        {c.note && <Text className='app-choice__note'>备注：{c.note}</Text>}
      </View>
      <Button small kind={c.outcome ? 'plain' : 'outline'} className='app-choice__record' disabled={a.status !== 'confirmed' || !a.checkedIn} onClick={onRecord}>
        {c.outcome ? '修改结果' : '登记结果'}
      </Button>
    </View>
  )
}

export function ApplicantCard({ a, onRecord }: { a: ApplicantView; onRecord: (c: Choice) => void }) {
  return (
    <View className='panel-card app-card'>
      <View className='app-card__tags'>
        {a.status === 'confirmed' ? <Tag tone='green'>报名成功</Tag> : <Tag tone='amber'>候补中</Tag>}
        {a.checkedIn ? (
          <Tag tone='green' solid className='app-card__in'>
            已签到入场
          </Tag>
        ) : (
          <Tag tone='grey' className='app-card__not-in'>
            未签到
          </Tag>
        )}
      </View>
      <ResumeCard resume={a.resume} className='app-card__resume' contact={<Contact a={a} />} />
      <View className='app-card__choices'>
        {a.choices.map((c) => (
          <ChoiceRow key={c.positionId} a={a} c={c} onRecord={() => onRecord(c)} />
        ))}
      </View>
    </View>
  )
}
