// A course page's data and what a learner does there: sign up (asking for the notice first),
// cancel, complete an online part. Each change reloads the page quietly and marks the lists.
import { useState } from 'react'
import Taro from '@tarojs/taro'
import type { InputOf, OutputOf } from '@contract/index'
import { call, errorMessage } from '@/services/cloud'
import { markChanged } from '@/services/changes'
import { askForNotices } from '@/services/notices'
import { usePageState } from '@/components/ui/page-state'

export type CourseData = OutputOf<'training.get'>

export function useCourse(id: string) {
  const page = usePageState<CourseData>(() => call('training.get', { id }), [id], !!id)
  const [busy, setBusy] = useState('')

  async function run<A extends 'training.signUp' | 'training.cancel' | 'training.completePart'>(key: string, name: A, input: InputOf<A>, done: string): Promise<boolean> {
    if (busy) return false
    setBusy(key)
    try {
      if (name === 'training.signUp') await askForNotices(['review', 'reminder'])
      await call(name, input)
      markChanged('trainings')
      void Taro.showToast({ title: done, icon: 'success' })
      await page.reload(true)
      return true
    } catch (err) {
      void Taro.showModal({ title: '没有成功', content: errorMessage(err), showCancel: false, confirmText: '知道了' })
      return false
    } finally {
      setBusy('')
    }
  }

  return {
    page,
    busy,
    signUp: (sessionId: string) => run(`up:${sessionId}`, 'training.signUp', { sessionId }, '已提交报名'),
    cancel: (sessionId: string) => run(`cancel:${sessionId}`, 'training.cancel', { sessionId }, '已取消报名'),
    completePart: (partId: string) => run(`part:${partId}`, 'training.completePart', { courseId: id, partId }, '已学完'),
  }
}
