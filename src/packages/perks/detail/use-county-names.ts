// Names of the counties a perk is limited to, from the city's divisions ('' when it is open to
// all, or while they load, or if they cannot be loaded: the page then says 部分县（市、区）).
import { useEffect, useState } from 'react'
import { loadDivisions } from '@/components/admin/shared'

export function useCountyNames(codes: string[] | undefined): string {
  const [names, setNames] = useState('')
  const key = (codes ?? []).join(',')
  useEffect(() => {
    if (!key) {
      setNames('')
      return
    }
    let live = true
    loadDivisions()
      .then((d) => live && setNames(key.split(',').map((c) => d.counties.find((x) => x.code === c)?.name ?? c).join('、')))
      .catch(() => live && setNames(''))
    return () => {
      live = false
    }
  }, [key])
  return names
}
