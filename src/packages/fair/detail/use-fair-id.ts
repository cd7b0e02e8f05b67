// Which fair the page shows: its `?id=`, followed when it changes.
import { useCallback, useEffect, useMemo, useState } from 'react'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { ROUTES } from '@/constants/routes'
import { param } from '@/components/fair/format'
import { paramAt } from './route'

/**
 * The page's `?id=`, followed when it changes: on showing the page again (the router's params
 * then), and on the web when the address changes while this page is the one on screen (Taro may
 * keep the page and not load it again).
 */
export function useFairId(): string {
  const { params } = useRouter()
  const [id, setId] = useState(() => param(params.id))
  const page = useMemo(() => Taro.getCurrentInstance().page, [])
  const follow = useCallback((next: string | null | undefined) => {
    if (typeof next === 'string' && next) setId(next)
  }, [])
  useDidShow(() => follow(param(Taro.getCurrentInstance().router?.params?.id)))
  useEffect(() => {
    if (process.env.TARO_ENV !== 'h5') return
    const onAddress = () => {
      if (Taro.getCurrentInstance().page === page) follow(paramAt(window.location, ROUTES.fairDetail, 'id'))
    }
    window.addEventListener('hashchange', onAddress)
    window.addEventListener('popstate', onAddress)
    return () => {
      window.removeEventListener('hashchange', onAddress)
      window.removeEventListener('popstate', onAddress)
    }
  }, [page, follow])
  return id
}
