// A paged list's page: its states (the gate, loading, refused, failed — <PageStates>), then the
// empty state in the muted tone, or the rows in a list with the footer (<ListFooter>) under them.
import type { ReactElement, ReactNode } from 'react'
import { View } from '@tarojs/components'
import { ListFooter } from './ListFooter'
import { PageStates, type DeniedLook } from './PageStates'
import { StateView, type StateAction } from './StateView'
import type { BlockedState } from './page-state'
import { listState, type PagedList } from './paged'

interface Props<T> {
  list: PagedList<T>
  /** Who the caller is (their scope), first; a retry asks again for the gate until it is open, then for the list. */
  gate: BlockedState | { kind: 'ready' }
  retryGate: () => void
  denied?: DeniedLook
  skeleton?: number
  /** What the list says when it has nothing. */
  empty: { title: string; desc?: string; action?: StateAction; className?: string }
  /** The list's box (default the kit's .panel-list) and what comes above the rows (a table head). */
  listClassName?: string
  head?: ReactNode
  /** One row (keyed). */
  children: (item: T, index: number) => ReactNode
}

// Typed by the rows it lists; the body itself needs nothing of them (and reads as a gate built on <PageStates>).
export function PagedStates<T>(props: Props<T>): ReactElement
export function PagedStates({ list, gate, retryGate, denied, skeleton, empty, listClassName = 'panel-list', head, children }: Props<unknown>) {
  return (
    <PageStates gate={gate} state={listState(list)} retry={() => (gate.kind === 'ready' ? void list.reload() : retryGate())} skeleton={skeleton} denied={denied}>
      {(items) =>
        items.length === 0 ? (
          <StateView tone='muted' {...empty} />
        ) : (
          <View className={listClassName}>
            {head}
            {items.map(children)}
            <ListFooter count={items.length} total={list.total} hasMore={list.hasMore} loadingMore={list.loadingMore} onMore={() => void list.loadMore()} />
          </View>
        )
      }
    </PageStates>
  )
}
