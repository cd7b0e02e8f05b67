// The fair form's invited employers: the chosen ones first (each can be dropped, whether or not it
// is on the page of the list below), then the employers a page at a time in name order, found by
// name (a tap invites or drops one), and the way to the employers' page to add or change them.
import { useEffect, useRef, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { EmployerView } from '@contract/fair'
import { ROUTES } from '@/constants/routes'
import { call, errorMessage } from '@/services/cloud'
import { SearchField } from '@/components/ui/Field'
import { ListFooter } from '@/components/ui/ListFooter'
import { useSearchKeyword } from '@/components/ui/paged'
import { Tick } from '@/components/ui/Tick'
import { EmployerTypeTag, Notice } from '@/components/fair/ui'
import type { FairForm } from '../fields'

const PAGE_SIZE = 20

interface Picked {
  items: EmployerView[]
  total: number
  /** Pages read so far. */
  pages: number
  status: 'loading' | 'ready' | 'error'
  error: string
  loadingMore: boolean
}

/**
 * The employers a page at a time for `keyword` (page 1 again whenever it or `version` changes),
 * without the page's pull-down and reach-bottom hooks: the list sits inside a long form.
 */
function useEmployerPages(keyword: string, version: number) {
  const [got, setGot] = useState<Picked>({ items: [], total: 0, pages: 0, status: 'loading', error: '', loadingMore: false })
  const seq = useRef(0)
  useEffect(() => {
    const mine = ++seq.current
    setGot((g) => ({ ...g, status: g.pages > 0 ? g.status : 'loading', error: '' }))
    call('fair.employers', { ...(keyword ? { keyword } : {}), page: 1, pageSize: PAGE_SIZE })
      .then((res) => mine === seq.current && setGot({ items: res.items, total: res.total, pages: 1, status: 'ready', error: '', loadingMore: false }))
      .catch((err) => mine === seq.current && setGot((g) => ({ ...g, status: 'error', error: errorMessage(err), loadingMore: false })))
  }, [keyword, version])
  const more = () => {
    if (got.status !== 'ready' || got.loadingMore || got.pages * PAGE_SIZE >= got.total) return
    const mine = seq.current
    setGot((g) => ({ ...g, loadingMore: true }))
    call('fair.employers', { ...(keyword ? { keyword } : {}), page: got.pages + 1, pageSize: PAGE_SIZE })
      .then((res) => mine === seq.current && setGot((g) => ({ ...g, items: [...g.items, ...res.items], total: res.total, pages: g.pages + 1, loadingMore: false })))
      .catch((err) => {
        if (mine !== seq.current) return
        setGot((g) => ({ ...g, loadingMore: false }))
        void Taro.showToast({ title: errorMessage(err), icon: 'none' })
      })
  }
  return { ...got, hasMore: got.status === 'ready' && got.pages * PAGE_SIZE < got.total, more }
}

/**
 * `known`: the employers whose names the form knows (the fair's invited ones, and any tapped in
 * the list), so a chosen one shows by name whatever page the list is on. `version` changes when
 * the employers themselves changed (back from 用人单位).
 */
export function EmployersCard({ form, known, onKnow, version }: { form: FairForm; known: Record<string, EmployerView>; onKnow: (e: EmployerView) => void; version: number }) {
  const { fields, set } = form
  const error = form.errorOf('employers')
  const search = useSearchKeyword()
  const [retries, setRetries] = useState(0)
  const list = useEmployerPages(search.keyword, version + retries)
  const chosen = fields.employerIds
  const toggle = (e: EmployerView) => {
    onKnow(e)
    set('employerIds', chosen.includes(e.id) ? chosen.filter((x) => x !== e.id) : [...chosen, e.id], 'employers')
  }
  const drop = (id: string) => set('employerIds', chosen.filter((x) => x !== id), 'employers')

  return (
    <View className='form-card' id='field-employers'>
      <View className='form-card__title fair-edit__orgs-title'>
        <Text>邀请用人单位</Text>
        <Text className='fair-edit__orgs-count'>已选 {chosen.length} 家</Text>
      </View>
      {error && (
        <View className='fair-edit__orgs-error'>
          <Notice tone='error'>
            <Text>{error}</Text>
          </Notice>
        </View>
      )}
      {chosen.length > 0 && (
        <View className='fair-edit__chosen'>
          {chosen.map((id) => (
            <View key={id} className='fair-edit__chosen-item' onClick={() => drop(id)}>
              <Text className='fair-edit__chosen-name'>{known[id]?.name ?? `编号 ${id}`}</Text>
              <Text className='fair-edit__chosen-x'>×</Text>
            </View>
          ))}
        </View>
      )}
      <View className='fair-edit__orgs-search'>
        <SearchField value={search.draft} placeholder='搜索单位名称' onChange={search.setDraft} onSearch={search.search} />
      </View>
      {list.status === 'loading' ? (
        <Text className='fair-edit__orgs-none'>正在加载用人单位…</Text>
      ) : list.status === 'error' ? (
        <View className='fair-edit__orgs-none' onClick={() => setRetries((n) => n + 1)}>
          <Text>{list.error || '用人单位没有加载出来'}，</Text>
          <Text className='fair-edit__orgs-retry'>点此重试</Text>
        </View>
      ) : list.items.length === 0 ? (
        <Text className='fair-edit__orgs-none'>{search.keyword ? `没有找到「${search.keyword}」，换个名称试试。` : '还没有用人单位，请先添加。'}</Text>
      ) : (
        <View className='fair-edit__orgs-list'>
          {list.items.map((e) => {
            const on = chosen.includes(e.id)
            return (
              <View key={e.id} className={`fair-edit__org ${on ? 'fair-edit__org--on' : ''}`} onClick={() => toggle(e)}>
                <Tick on={on} />
                <View className='fair-edit__org-main'>
                  <Text className='fair-edit__org-name'>{e.name}</Text>
                  {e.countyName && <Text className='fair-edit__org-county'>{e.countyName}</Text>}
                </View>
                <EmployerTypeTag type={e.type} className='fair-edit__org-type' />
              </View>
            )
          })}
          <ListFooter count={list.items.length} total={list.total} hasMore={list.hasMore} loadingMore={list.loadingMore} onMore={list.more} />
        </View>
      )}
      <View className='fair-edit__manage' onClick={() => void Taro.navigateTo({ url: ROUTES.fairEmployers })}>
        <Text>管理用人单位（新增、修改、邀请其工作人员）</Text>
        <Text className='form-row__arrow'>›</Text>
      </View>
    </View>
  )
}
