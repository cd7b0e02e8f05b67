// 报名名单与出勤 (?session=): the session's sign-ups in order (the waiting list after), found by
// name or the mobile's last four digits; staff tick those present who could not scan (no phone)
// and 登记出勤, asked first; each marking is audited and may complete someone's course.
import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import type { RosterItem } from '@contract/training'
import { call, errorMessage } from '@/services/cloud'
import { param } from '@/components/fair/format'
import { Button } from '@/components/ui/Button'
import { Dialog } from '@/components/ui/Dialog'
import { SearchField } from '@/components/ui/Field'
import { PagedStates } from '@/components/ui/PagedStates'
import { Tag } from '@/components/ui/Tag'
import { usePaged, useSearchKeyword } from '@/components/ui/paged'
import { clock } from '@/components/ui/format'

import '@/components/ui/panel.scss'
import '@/components/training/training.scss'

const READY = { kind: 'ready' } as const

function stateOf(r: RosterItem): { tone: 'green' | 'amber' | 'grey' | 'blue'; text: string } {
  if (r.status === 'waiting') return { tone: 'amber', text: `候补 ${r.waitingRank}` }
  if (r.attended) return { tone: 'green', text: r.checkInMethod === 'list' ? '已出勤（名单登记）' : `已出勤 ${clock(r.checkedInAt)}` }
  if (r.checkedInAt) return { tone: 'blue', text: `已签到 ${clock(r.checkedInAt)}，待签退` }
  return { tone: 'grey', text: '未签到' }
}

export default function Roster() {
  const { params } = useRouter()
  const sessionId = param(params.session)
  const search = useSearchKeyword()
  const [attended, setAttended] = useState(0)
  const list = usePaged<RosterItem>(
    async (page, pageSize) => {
      const r = await call('training.roster', { sessionId, page, pageSize, ...(search.keyword ? { keyword: search.keyword } : {}) })
      setAttended(r.attended)
      return r
    },
    `${sessionId}:${search.keyword}`,
    !!sessionId,
  )
  const [picked, setPicked] = useState<string[]>([])
  const [asking, setAsking] = useState(false)
  const [busy, setBusy] = useState(false)
  const toggle = (id: string) => setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : [...p, id]))

  async function mark() {
    setBusy(true)
    try {
      const r = await call('training.markAttendance', { sessionId, signupIds: picked, present: true, reason: '现场按名单登记' })
      void Taro.showToast({ title: `已登记 ${r.changed} 人${r.completed ? `，${r.completed} 人结业` : ''}`, icon: 'none' })
      setPicked([])
      setAsking(false)
      await list.reload(true)
    } catch (err) {
      void Taro.showModal({ title: '没有登记', content: errorMessage(err), showCancel: false })
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className='panel-page tr-roster'>
      <View className='panel-top'>
        <SearchField value={search.draft} placeholder='姓名或手机尾号' onChange={search.setDraft} onSearch={search.search} />
        <Text className='tr-card__muted tr-roster__figures'>
          共 {list.total} 人 · 已出勤 {attended} 人
        </Text>
      </View>
      <PagedStates list={list} gate={READY} retryGate={() => void list.reload()} listClassName='tr-roster__list' empty={{ title: search.keyword ? '没有找到' : '还没有人报名' }}>
        {(r) => {
          const s = stateOf(r)
          const can = r.status === 'confirmed' && !r.attended
          return (
            <View key={r.id} className='tr-roster-row' onClick={() => can && toggle(r.id)}>
              <View className={`tr-roster-row__tick ${picked.includes(r.id) ? 'tr-roster-row__tick--on' : ''} ${can ? '' : 'tr-roster-row__tick--off'}`} />
              <View className='tr-roster-row__main'>
                <Text className='tr-roster-row__name'>{r.name}</Text>
                <Text className='tr-roster-row__sub'>
                  {r.townshipName} · {r.mobileMasked}
                </Text>
              </View>
              <Tag tone={s.tone}>{s.text}</Tag>
            </View>
          )
        }}
      </PagedStates>
      {picked.length > 0 && (
        <View className='tr-bar'>
          <Button className='tr-roster__mark' onClick={() => setAsking(true)}>
            登记出勤（{picked.length} 人）
          </Button>
        </View>
      )}
      <Dialog visible={asking} title='登记出勤？' confirmText='登记' busy={busy} onCancel={() => setAsking(false)} onConfirm={() => void mark()}>
        <Text>为选中的 {picked.length} 人登记本场出勤，计入培训学时；操作会留痕。</Text>
      </Dialog>
    </View>
  )
}
