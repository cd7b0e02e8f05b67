// Picking the merchant, bank or employer an invitation is for: the organisations the admin may
// invite into, found by name, a page at a time (a city has hundreds of merchants).
import { useEffect, useRef, useState } from 'react'
import { ScrollView, Text, View } from '@tarojs/components'
import { Input } from '@nutui/nutui-react-taro'
import type { OrganisationOption } from '@contract/grants'
import type { OrganisationRole } from '@contract/roles'
import { call, errorMessage } from '@/services/cloud'
import { ListFooter } from '@/components/ui/ListFooter'
import { Sheet } from '@/components/ui/Sheet'
import { ORGANISATION_NOUN } from './check'

import './organisation-sheet.scss'

const PAGE_SIZE = 30


type Found = { status: 'loading' | 'ready' | 'error'; items: OrganisationOption[]; total: number; page: number; error: string }

export function OrganisationSheet({ visible, role, value, onSelect, onClose }: { visible: boolean; role: OrganisationRole; value: string; onSelect: (org: OrganisationOption) => void; onClose: () => void }) {
  const noun = ORGANISATION_NOUN[role]
  const [keyword, setKeyword] = useState('')
  const [found, setFound] = useState<Found>({ status: 'loading', items: [], total: 0, page: 1, error: '' })
  const [loadingMore, setLoadingMore] = useState(false)
  const seq = useRef(0)

  const load = async (page: number) => {
    const mine = ++seq.current
    if (page === 1) setFound((f) => ({ ...f, status: 'loading', error: '' }))
    else setLoadingMore(true)
    try {
      const res = await call('grants.organisations', { role, page, pageSize: PAGE_SIZE, ...(keyword.trim() ? { keyword: keyword.trim() } : {}) })
      if (mine !== seq.current) return
      setFound((f) => ({ status: 'ready', items: page === 1 ? res.items : [...f.items, ...res.items], total: res.total, page, error: '' }))
    } catch (err) {
      if (mine === seq.current) setFound((f) => ({ ...f, status: 'error', error: errorMessage(err) }))
    } finally {
      if (mine === seq.current) setLoadingMore(false)
    }
  }

  // A pause in typing searches; opening the sheet or changing the role starts afresh.
  useEffect(() => {
    if (!visible) return
    const t = setTimeout(() => void load(1), keyword ? 300 : 0)
    return () => clearTimeout(t)
  }, [visible, role, keyword])

  return (
    <Sheet visible={visible} title={`选择${noun}`} onClose={onClose} className='ui-options org-sheet'>
      <View className='org-sheet__search'>
        <Input value={keyword} placeholder={`输入${noun}名称查找`} clearable maxLength={20} onChange={(v) => setKeyword(v)} />
      </View>
      <ScrollView scrollY className='ui-options__list org-sheet__list'>
        {found.status === 'loading' && <Text className='org-sheet__note'>正在查找…</Text>}
        {found.status === 'error' && (
          <View className='org-sheet__note' onClick={() => void load(1)}>
            <Text>{found.error}，点此重试</Text>
          </View>
        )}
        {found.status === 'ready' && found.items.length === 0 && (
          <Text className='org-sheet__note'>{keyword.trim() ? `没有名称含「${keyword.trim()}」的${noun}` : `还没有可邀请的${noun}，请先由团市委录入机构`}</Text>
        )}
        {found.status === 'ready' &&
          found.items.map((o) => (
            <View
              key={o.id}
              className={`ui-options__item${o.id === value ? ' ui-options__item--on' : ''}`}
              hoverClass='ui-options__item--pressed'
              onClick={() => {
                onSelect(o)
                onClose()
              }}
            >
              <View className='ui-options__main'>
                <Text className='ui-options__label'>{o.name}</Text>
                <Text className='ui-options__hint'>{o.countyName}</Text>
              </View>
              {o.id === value && <Text className='ui-options__tick'>✓</Text>}
            </View>
          ))}
        {found.status === 'ready' && <ListFooter count={found.items.length} total={found.total} hasMore={found.items.length < found.total} loadingMore={loadingMore} onMore={() => void load(found.page + 1)} />}
      </ScrollView>
    </Sheet>
  )
}
