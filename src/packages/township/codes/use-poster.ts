// The printed 小程序码: asked for once, when its tab is first shown (the function limits how
// often), with a retry after a failure, and previewed (to save or print) once there.
import { useCallback, useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { call, errorMessage } from '@/services/cloud'

export type Poster = { kind: 'idle' | 'loading' } | { kind: 'ready'; url: string } | { kind: 'error'; message: string }

export function usePoster(stationId: string, shown: boolean): { poster: Poster; retry: () => void; preview: () => void } {
  const [poster, setPoster] = useState<Poster>({ kind: 'idle' })

  const fetchPoster = useCallback(async () => {
    setPoster({ kind: 'loading' })
    try {
      const { imageUrl } = await call('station.printCode', { id: stationId })
      setPoster(imageUrl ? { kind: 'ready', url: imageUrl } : { kind: 'error', message: '小程序码生成失败，请稍后重试' })
    } catch (err) {
      setPoster({ kind: 'error', message: errorMessage(err) })
    }
  }, [stationId])

  useEffect(() => {
    if (shown && poster.kind === 'idle') void fetchPoster()
  }, [shown, poster.kind, fetchPoster])

  const preview = () => {
    if (poster.kind === 'ready') void Taro.previewImage({ urls: [poster.url], current: poster.url })
  }

  return { poster, retry: () => void fetchPoster(), preview }
}
