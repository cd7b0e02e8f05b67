// The registration detail's sections: who and when (with the logged-read note and an ID
// conflict), identity, service or business, education and skills, the review so far.
import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { ShieldCheck } from '@/components/icons'
import type { OutputOf } from '@contract/index'
import { REGISTRATION_STATUS_LABELS } from '@contract/vocabulary'
import { GENDER_LABELS, KIND_LABELS } from '@/components/admin/shared'
import { Field } from '@/components/ui/Field'
import { Tag } from '@/components/ui/Tag'
import { ago, dateTime } from '@/components/ui/format'

export type Detail = OutputOf<'registration.detail'>

const STATUS_TONE = { pending: 'amber', approved: 'green', rejected: 'brand', closed: 'grey' } as const

function Section({ title, className = '', children }: { title: string; className?: string; children: ReactNode }) {
  return (
    <View className={`panel-section ${className}`}>
      <View className='panel-section__title'>
        <Text>{title}</Text>
      </View>
      {children}
    </View>
  )
}

export function Hero({ d }: { d: Detail }) {
  return (
    <>
      <View className='reg-detail__hero'>
        <View className='reg-detail__title'>
          <Text className='reg-detail__name'>{d.name}</Text>
          <Tag tone={STATUS_TONE[d.status]} className='reg-detail__status'>
            {REGISTRATION_STATUS_LABELS[d.status]}
          </Tag>
        </View>
        <Text className='reg-detail__sub'>
          {KIND_LABELS[d.kind]} · {d.countyName} {d.townshipName}
        </Text>
        <Text className='reg-detail__sub reg-detail__sub--light'>
          提交于 {dateTime(d.submittedAt, '—')}（{ago(d.submittedAt)}）
        </Text>
      </View>

      <View className='reg-detail__logged'>
        <ShieldCheck size={16} color='#c77411' />
        <Text className='reg-detail__logged-text'>查看已留痕：完整身份证号仅用于审核核对，本次查看已记录查看人和时间，请勿截图或外传。</Text>
      </View>

      {d.conflictWith && (
        <View className='reg-detail__conflict'>
          <Text className='reg-detail__conflict-title'>身份证号冲突：另一微信账号已用此号注册</Text>
          <Text className='reg-detail__conflict-text'>
            {d.conflictWith.name} · {d.conflictWith.countyName} {d.conflictWith.townshipName} · {REGISTRATION_STATUS_LABELS[d.conflictWith.status]} · 提交于 {dateTime(d.conflictWith.submittedAt, '—')}
          </Text>
          <Text className='reg-detail__conflict-text'>请先电话核实：若是本人更换了微信，请其使用「更换微信账号」找回原记录；若另一份是冒用，驳回那份后才能通过这份。</Text>
        </View>
      )}
    </>
  )
}

export function Identity({ d }: { d: Detail }) {
  return (
    <Section title='身份信息'>
      <Field label='姓名'>
        <Text>{d.name}</Text>
      </Field>
      <Field label='身份证号'>
        <Text className='reg-detail__id panel-mono'>{d.idNumber}</Text>
      </Field>
      <Field label='性别'>
        <Text>{GENDER_LABELS[d.gender]}</Text>
      </Field>
      <Field label='出生日期'>
        <Text>
          {d.birthDate}（{d.age} 岁）
        </Text>
      </Field>
      <Field label='手机号'>
        <View className='reg-detail__phone'>
          <Text className='panel-num'>{d.mobile || '—'}</Text>
          {d.mobile && (
            <Text className='reg-detail__call' onClick={() => void Taro.makePhoneCall({ phoneNumber: d.mobile })}>
              拨打
            </Text>
          )}
        </View>
      </Field>
    </Section>
  )
}

export function Service({ d }: { d: Detail }) {
  const volunteer = d.kind === 'volunteer'
  return (
    <Section title={volunteer ? '服务信息' : '创业信息'}>
      <Field label='县（市、区）'>
        <Text>{d.countyName}</Text>
      </Field>
      <Field label={volunteer ? '服务镇街' : '所在镇街'}>
        <Text>{d.townshipName}</Text>
      </Field>
      {volunteer ? (
        <Field label='服务期'>
          <Text>
            {d.termStart} 至 {d.termEnd}
          </Text>
        </Field>
      ) : (
        <Field label='行业或项目'>
          <Text>{d.occupation || '—'}</Text>
        </Field>
      )}
    </Section>
  )
}

export function Education({ d }: { d: Detail }) {
  const rows: [string, string | number][] = [
    ['毕业院校', d.school || '—'],
    ['所学专业', d.major || '—'],
    ['毕业年份', d.graduationYear ?? '—'],
    ['政治面貌', d.politicalStatus || '—'],
  ]
  return (
    <Section title='教育与特长'>
      {rows.map(([label, value]) => (
        <Field key={label} label={label}>
          <Text>{value}</Text>
        </Field>
      ))}
      <Field label='特长'>
        <View className='reg-detail__skills'>
          {d.skills.length === 0 ? (
            <Text>—</Text>
          ) : (
            d.skills.map((s) => (
              <Text key={s} className='reg-detail__skill'>
                {s}
              </Text>
            ))
          )}
        </View>
      </Field>
    </Section>
  )
}

export function Review({ d }: { d: Detail }) {
  return (
    <Section title='审核记录' className='reg-detail__review'>
      <Field label='状态'>
        <Text className={`reg-detail__state reg-detail__state--${d.status}`}>{REGISTRATION_STATUS_LABELS[d.status]}</Text>
      </Field>
      {d.status === 'pending' ? (
        <Field label='说明'>
          <Text className='panel-muted'>请核对身份证号、服务镇街与服务期后审核；驳回需填写理由，申请人可修改后重新提交。</Text>
        </Field>
      ) : (
        <>
          <Field label='审核人'>
            <Text className='reg-detail__reviewer'>{d.reviewerName || '—'}</Text>
          </Field>
          <Field label='审核时间'>
            <Text>{dateTime(d.reviewedAt, '—')}</Text>
          </Field>
          {d.status === 'rejected' && (
            <Field label='驳回理由'>
              <Text className='reg-detail__reason'>{d.rejectReason || '—'}</Text>
            </Field>
          )}
        </>
      )}
    </Section>
  )
}
