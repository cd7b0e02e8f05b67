// The records ticked for a batch decision: a tap adds or removes one (never beyond the contract's
// batch limit), 全选 takes the first hundred, and a new tab or filter (`resetKey`) starts afresh.
import { useCallback, useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { BATCH_MAX, toggled } from './rules'

export interface Selection {
  selected: string[]
  isSelected: (id: string) => boolean
  /** Every record 全选 would take is ticked. */
  allSelected: boolean
  toggle: (id: string) => void
  toggleAll: () => void
  /** Takes decided records out of the selection. */
  drop: (ids: string[]) => void
}

export function useSelection(items: { id: string }[], resetKey: string): Selection {
  const [selected, setSelected] = useState<string[]>([])

  useEffect(() => setSelected([]), [resetKey])

  const selectable = items.slice(0, BATCH_MAX)
  const allSelected = selectable.length > 0 && selectable.every((s) => selected.includes(s.id))

  const toggle = useCallback((id: string) => {
    setSelected((sel) => {
      const { next, full } = toggled(sel, id)
      if (full) void Taro.showToast({ title: `一次最多处理 ${BATCH_MAX} 条`, icon: 'none' })
      return next
    })
  }, [])

  const toggleAll = () => {
    if (allSelected) {
      setSelected([])
      return
    }
    setSelected(selectable.map((s) => s.id))
    if (items.length > BATCH_MAX) void Taro.showToast({ title: `已选前 ${BATCH_MAX} 条（一次最多 ${BATCH_MAX} 条）`, icon: 'none' })
  }

  const drop = useCallback((ids: string[]) => setSelected((sel) => sel.filter((id) => !ids.includes(id))), [])

  return { selected, isSelected: (id) => selected.includes(id), allSelected, toggle, toggleAll, drop }
}
