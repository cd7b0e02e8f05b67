// The sheet before signing up (or saving a change of positions): the positions chosen, the
// résumé employers will see (or why it cannot be shown), the consent to share it, and the send.
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { FairView, PositionView } from '@contract/fair'
import { ROUTES } from '@/constants/routes'
import { Button } from '@/components/ui/Button'
import { Sheet } from '@/components/ui/Sheet'
import { Tick } from '@/components/ui/Tick'
import { chineseDate, momentText } from '@/components/ui/format'
import { placesLeft } from '@/components/fair/format'
import { Notice, ResumeCard } from '@/components/fair/ui'
import type { Resume, Signup } from '../use-signup'

function ResumeError({ resume }: { resume: Extract<Resume, { kind: 'error' }> }) {
  return (
    <View className='detail-sheet__error'>
      <Notice tone='error' title={resume.code === 'FORBIDDEN' ? '暂时不能报名' : '简历加载失败'}>
        <Text>{resume.message}</Text>
      </Notice>
      {resume.code === 'FORBIDDEN' && (
        <Button kind='outline' className='detail-sheet__register' onClick={() => void Taro.navigateTo({ url: `${ROUTES.register}?kind=volunteer` })}>
          去注册
        </Button>
      )}
    </View>
  )
}

export function ResumeSheet({ fair, positions, signup }: { fair: FairView; positions: PositionView[]; signup: Signup }) {
  const { resume, busy, consent } = signup
  const mine = fair.mine
  const chosenPositions = positions.filter((p) => signup.chosen.includes(p.id))
  return (
    <Sheet visible={signup.sheet} title={mine ? '确认修改岗位' : '确认报名'} note='用人单位将看到下面这份简历' closable={busy !== 'signup'} onClose={signup.closeSheet} className='detail-sheet'>
      <View className='detail-sheet__body'>
        <View className='detail-sheet__chosen'>
          <Text className='detail-sheet__label'>应聘岗位</Text>
          {chosenPositions.map((p) => (
            <Text key={p.id} className='detail-sheet__position'>
              {p.title} · {p.employerName}
            </Text>
          ))}
        </View>
        {resume.kind === 'loading' ? (
          <View className='detail-sheet__loading'>
            <Text>正在生成简历…</Text>
          </View>
        ) : resume.kind === 'error' ? (
          <ResumeError resume={resume} />
        ) : (
          <>
            <ResumeCard resume={resume.resume} className='detail-sheet__resume' />
            <Text className='detail-sheet__source'>简历来自你的注册信息和审核通过的服务记录。如信息有误，请在「我的」中更新或联系所在县（市、区）团委。</Text>
            <View className='detail-sheet__consent' onClick={signup.toggleConsent}>
              <Tick on={consent} />
              <Text className='detail-sheet__consent-text'>同意向用人单位提供简历（手机号在用人单位登记面试结果后才会提供给对方）</Text>
            </View>
            <Button className='detail-sheet__confirm' busy={busy === 'signup'} disabled={!consent} onClick={() => void signup.signUp()}>
              {busy === 'signup' ? '正在提交…' : mine ? '确认修改' : placesLeft(fair) > 0 ? '同意并报名' : '同意并报名候补'}
            </Button>
            <Text className='detail-sheet__date'>对接会 {chineseDate(fair.date)} 举办，报名截止 {momentText(fair.signupClosesAt)}</Text>
          </>
        )}
      </View>
    </Sheet>
  )
}
