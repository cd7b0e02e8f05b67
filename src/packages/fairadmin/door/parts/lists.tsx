// The door's lists: people found by name or the mobile's last 4 digits (each let in by name, or
// why not), and the latest check-ins.
import { Text, View } from '@tarojs/components'
import type { AdminSignupView } from '@contract/fair'
import { Button } from '@/components/ui/Button'
import { SearchField } from '@/components/ui/Field'
import { Tag } from '@/components/ui/Tag'
import { clock } from '@/components/ui/format'
import { doorAction } from '../find'
import type { Attended, Door } from '../use-door'
import '@/components/fair/pieces.scss'

/** Where the person serves, or what they are. */
const whereOf = (s: AdminSignupView) => s.townshipName || (s.kind === 'volunteer' ? '志愿者' : '农村青年')

function FoundRow({ s, door, canAdmit }: { s: AdminSignupView; door: Door; canAdmit: boolean }) {
  const act = doorAction(s, clock)
  return (
    <View className='door-row door-find__row'>
      <View className='door-find__who'>
        <Text className='door-row__name'>{s.name}</Text>
        <Text className='door-row__sub'>
          {s.mobileMasked || '—'} · {whereOf(s)}
        </Text>
      </View>
      {act.kind === 'admit' ? (
        <Button small className='door-find__admit' busy={door.admitting === s.id} disabled={!canAdmit || !!door.admitting} onClick={() => void door.admit(s)}>
          签到
        </Button>
      ) : (
        <Tag tone={act.tone}>{act.label}</Tag>
      )}
    </View>
  )
}

/** `canAdmit`: the fair is today and published. */
export function FindByName({ door, canAdmit }: { door: Door; canAdmit: boolean }) {
  const { found, search } = door
  return (
    <View className='panel-section fair-section door-find'>
      <View className='panel-section__title'>
        <Text>手机无法出示入场码？</Text>
        <Text className='panel-section__extra'>按姓名签到</Text>
      </View>
      <SearchField className='door-find__search' value={search.draft} placeholder='输入姓名，或手机号后 4 位' onChange={search.setDraft} onSearch={search.search} />
      <Text className='door-find__hint'>找到本人后请核对手机号与镇街，再点「签到」。</Text>
      {found.kind === 'searching' ? (
        <Text className='door__none'>正在查找…</Text>
      ) : found.kind === 'error' ? (
        <Text className='door-find__error'>{found.message}</Text>
      ) : found.kind === 'ready' && found.items.length === 0 ? (
        <Text className='door__none'>没有找到「{found.keyword}」，请核对姓名或手机尾号；未报名的人不能入场。</Text>
      ) : found.kind === 'ready' ? (
        <>
          {found.items.map((s) => (
            <FoundRow key={s.id} s={s} door={door} canAdmit={canAdmit} />
          ))}
          {found.total > found.items.length && <Text className='door__none'>共找到 {found.total} 人，只列出前 {found.items.length} 人：请输入更完整的姓名或手机尾号。</Text>}
        </>
      ) : null}
    </View>
  )
}

export function Latest({ attended }: { attended: Attended | null }) {
  return (
    <View className='panel-section fair-section door__latest'>
      <View className='panel-section__title'>
        <Text>最近签到</Text>
        <Text className='panel-section__extra'>{attended ? `共 ${attended.total} 人` : ''}</Text>
      </View>
      {attended && attended.latest.length > 0 ? (
        attended.latest.map((s) => (
          <View key={s.id} className='door-row'>
            <Text className='door-row__name'>{s.name}</Text>
            <Text className='door-row__sub'>
              {whereOf(s)} · 选 {s.positions} 个岗位{s.checkInMethod === 'name' ? ' · 按姓名' : ''}
            </Text>
            <Text className='door-row__time'>{clock(s.checkedInAt)}</Text>
          </View>
        ))
      ) : (
        <Text className='door__none'>{attended ? '还没有人签到' : '签到名单暂时无法获取，完整名单见「报名名单」'}</Text>
      )}
    </View>
  )
}
