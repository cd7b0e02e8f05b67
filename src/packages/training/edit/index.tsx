// 课程管理 (?id=, none: a new course): the course's form, its sessions (each with its roster and
// door code) and a form to add one, then 发布 (asked first) or 取消课程 (with a reason, which
// everyone signed up is told). A county's league manages its county's courses (a new one is theirs,
// fixed); the city any, and picks the county hosting a new one (or the city itself).
import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import type { CourseInput, SessionInput } from '@contract/training'
import { ROUTES } from '@/constants/routes'
import { call } from '@/services/cloud'
import { markChanged } from '@/services/changes'
import { loadAccount, loadDivisions } from '@/components/admin/shared'
import { param } from '@/components/fair/format'
import { Button } from '@/components/ui/Button'
import { Dialog, NoteDialog } from '@/components/ui/Dialog'
import { PageStates } from '@/components/ui/PageStates'
import { Tag } from '@/components/ui/Tag'
import { usePageState } from '@/components/ui/page-state'
import { CourseForm, type HostChoice } from '@/components/training/CourseForm'
import { SessionCard } from '@/components/training/SessionCard'
import { SessionForm } from '@/components/training/SessionForm'

import '@/components/ui/form.scss'
import '@/components/ui/panel.scss'
import '@/components/training/training.scss'

export default function EditCourse() {
  const { params } = useRouter()
  const id = param(params.id)
  const page = usePageState(async () => {
    const [account, divisions, got] = await Promise.all([loadAccount(), loadDivisions(), id ? call('training.get', { id }) : null])
    const city = account.roles.some((g) => g.role === 'city_admin')
    const counties: HostChoice[] = city
      ? [{ code: '', name: '团市委（面向全市）' }, ...divisions.counties.map((c) => ({ code: c.code, name: `${c.name}团委` }))]
      : account.roles.filter((g) => g.role === 'county_admin').map((g) => ({ code: g.scopeId, name: `${g.scopeName}团委` }))
    return { counties, got }
  }, [id])
  const [adding, setAdding] = useState(false)
  const [ask, setAsk] = useState<'' | 'publish' | 'cancel'>('')
  const [busy, setBusy] = useState(false)
  const go = (url: string) => void Taro.navigateTo({ url })

  async function saveCourse(input: CourseInput) {
    const saved = await call('training.save', input)
    markChanged('trainings')
    if (!id) {
      void Taro.redirectTo({ url: `${ROUTES.trainingEdit}?id=${saved.id}` })
      return
    }
    void Taro.showToast({ title: '已保存', icon: 'success' })
    await page.reload(true)
  }
  async function saveSession(input: SessionInput) {
    await call('training.saveSession', input)
    setAdding(false)
    void Taro.showToast({ title: '场次已添加', icon: 'success' })
    await page.reload(true)
  }
  async function setStatus(status: 'published' | 'cancelled', reason = '') {
    setBusy(true)
    try {
      await call('training.setStatus', { id, status, reason })
      markChanged('trainings')
      setAsk('')
      await page.reload(true)
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className='panel-page tr-edit'>
      <PageStates state={page.state} retry={page.retry} notFound={{ title: '没有找到这门课程' }}>
        {({ counties, got }) => (
          <View>
            {got && (
              <View className='tr-status'>
                <Tag tone={got.course.status === 'published' ? 'green' : got.course.status === 'draft' ? 'amber' : 'red'} solid>
                  {got.course.status === 'published' ? '已发布' : got.course.status === 'draft' ? '未发布' : '已取消'}
                </Tag>
                <Text>{got.course.status === 'draft' ? '安排好场次后发布，面向的人才能看到并报名' : got.course.status === 'published' ? `${got.course.countyName} · 报名与签到进行中` : '课程已取消'}</Text>
              </View>
            )}
            <CourseForm key={got?.course.id ?? 'new'} course={got?.course ?? null} counties={counties} onSave={saveCourse} />
            {got && got.course.kind !== 'online' && (
              <View className='tr-list'>
                <Text className='tr-section'>场次（{got.sessions.length}）</Text>
                {got.sessions.map((s) => (
                  <SessionCard key={s.id} s={s}>
                    <Button small kind='outline' className='tr-edit__roster' onClick={() => go(`${ROUTES.trainingRoster}?session=${s.id}`)}>
                      名单与出勤
                    </Button>
                    {s.status === 'published' && (
                      <Button small className='tr-edit__door' onClick={() => go(`${ROUTES.trainingDoor}?session=${s.id}`)}>
                        现场签到码
                      </Button>
                    )}
                  </SessionCard>
                ))}
                {got.course.status !== 'cancelled' && (adding ? <SessionForm courseId={got.course.id} onSave={saveSession} onCancel={() => setAdding(false)} /> : <Button kind='outline' className='tr-edit__add' onClick={() => setAdding(true)}>＋ 添加场次</Button>)}
              </View>
            )}
            {got && got.course.status !== 'cancelled' && (
              <View className='tr-bar'>
                {got.course.status === 'draft' ? (
                  <Button className='tr-edit__publish' onClick={() => setAsk('publish')}>
                    发布课程
                  </Button>
                ) : (
                  <Button kind='danger' className='tr-edit__cancel' onClick={() => setAsk('cancel')}>
                    取消课程
                  </Button>
                )}
              </View>
            )}
          </View>
        )}
      </PageStates>
      <Dialog visible={ask === 'publish'} title='发布课程？' confirmText='发布' busy={busy} onCancel={() => setAsk('')} onConfirm={() => void setStatus('published').catch((e: Error) => void Taro.showToast({ title: e.message, icon: 'none' }))}>
        <Text>发布后，面向的志愿者或农村青年即可看到并报名。</Text>
      </Dialog>
      <NoteDialog visible={ask === 'cancel'} title='取消课程' message='已报名和候补的人会收到取消通知。' required placeholder='取消理由' confirmText='取消课程' danger onConfirm={(note) => setStatus('cancelled', note)} onClose={() => setAsk('')} />
    </View>
  )
}
