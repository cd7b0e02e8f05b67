// A course page's data and what a learner does there: sign up (asking for the notice first),
// cancel, complete an online part. Each change reloads the page quietly and marks the lists.
import type { InputOf, OutputOf } from '@contract/index'
import { call } from '@/services/cloud'
import { askForNotices } from '@/services/notices'
import { useAction } from '@/components/ui/action'
import { usePageState } from '@/components/ui/page-state'

export type CourseData = OutputOf<'training.get'>

export function useCourse(id: string) {
  const page = usePageState<CourseData>(() => call('training.get', { id }), [id], !!id)
  const { busy, run: send } = useAction({ changed: ['trainings'], reload: () => page.reload(true) })

  const run = <A extends 'training.signUp' | 'training.cancel' | 'training.completePart'>(key: string, name: A, input: InputOf<A>, done: string) =>
    send(
      key,
      async () => {
        if (name === 'training.signUp') await askForNotices(['review', 'reminder'])
        await call(name, input)
      },
      done,
    )

  return {
    page,
    busy,
    signUp: (sessionId: string) => run(`up:${sessionId}`, 'training.signUp', { sessionId }, '已提交报名'),
    cancel: (sessionId: string) => run(`cancel:${sessionId}`, 'training.cancel', { sessionId }, '已取消报名'),
    completePart: (partId: string) => run(`part:${partId}`, 'training.completePart', { courseId: id, partId }, '已学完'),
  }
}
