// 上报问题: the form's fields and their check (the zod-free rules the function's schema is built
// from), the place (WeChat's map, or where the volunteer stands), up to three photos, the due time
// each urgency carries (the league's settings), and the send: the check, a confirmation, consent to
// be told (审核结果通知), the photos uploaded, then the report; the refusal at its row.
import { useMemo, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { checkGridReport, DEFAULT_GRID_DUE_HOURS, GRID_CATEGORY_LABELS, GRID_MAX_PHOTOS, GRID_URGENCY_LABELS, type GridCategory, type GridDueHours, type GridReportRow, type GridUrgency } from '@contract/grid-rules'
import { call, CallError } from '@/services/cloud'
import { markChanged } from '@/services/changes'
import { uploadFile, uploadPath } from '@/services/files'
import { chooseMapPoint } from '@/services/map-point'
import { LocationProblem, readLocation } from '@/services/location'
import { askForNotices } from '@/services/notices'
import { pickPictures, pictureProblem } from '@/services/pictures'
import { usePageState, type PageState } from '@/components/ui/page-state'
import { useSubmit } from '@/components/ui/submit'
import { fixed6 } from '@/components/ui/format'
import { ROUTES } from '@/constants/routes'

export interface Fields {
  category: GridCategory | ''
  urgency: GridUrgency
  text: string
  address: string
  location: { lat: number; lng: number } | null
  photos: string[]
}

export const ROWS: readonly GridReportRow[] = ['category', 'urgency', 'text', 'place', 'photoFileIds']

/** The row of a field the function named ('place.location.lat' → place). */
export function rowOfField(field: string): GridReportRow | null {
  const top = field.split('.')[0]
  if (top === 'townshipCode') return 'place'
  return (ROWS as readonly string[]).includes(top) ? (top as GridReportRow) : null
}

export const check = (f: Fields) => checkGridReport({ ...f, photos: f.photos.length })

/** 「约 4 小时内」「约 3 天内」 for a number of hours. */
export function dueText(hours: number): string {
  return hours % 24 === 0 ? `${hours / 24} 天内` : `${hours} 小时内`
}

/** A request id for one form: sending it again (a lost answer) files nothing new. */
const newRequestId = () => `gr${Date.now().toString(36)}${Math.random().toString(36).slice(2, 12)}`

export function useGridReport() {
  const [fields, setFields] = useState<Fields>({ category: '', urgency: 'normal', text: '', address: '', location: null, photos: [] })
  const [locating, setLocating] = useState(false)
  const requestId = useRef(newRequestId())
  const form = useSubmit(ROWS, rowOfField, { verb: '提交' })

  // Whether the caller may report (a volunteer's 我的上报 answers), and the due time of each urgency.
  const { state, retry }: { state: PageState<{ dueHours: GridDueHours; reported: number }>; retry: () => void } = usePageState(async () => {
    const [mine, settings] = await Promise.all([call('grid.mine', { page: 1, pageSize: 1 }), call('settings.get', {}).catch(() => null)])
    return { dueHours: settings?.gridDueHours ?? DEFAULT_GRID_DUE_HOURS, reported: mine.total }
  }, [])

  const { clearError, markError } = form
  const set = <K extends keyof Fields>(key: K, value: Fields[K]) => {
    setFields((f) => ({ ...f, [key]: value }))
    clearError(key === 'location' || key === 'address' ? 'place' : key === 'photos' ? 'photoFileIds' : (key as GridReportRow))
  }

  const errors = useMemo(() => (form.tried ? check(fields) : {}), [form.tried, fields])
  const errorOf = (row: GridReportRow) => form.serverErrors[row] || errors[row]

  const pickOnMap = async () => {
    const place = await chooseMapPoint(fields.location ? String(fields.location.lat) : '', fields.location ? String(fields.location.lng) : '', '选择问题位置')
    if (!place) return
    set('location', { lat: Number(fixed6(place.latitude)), lng: Number(fixed6(place.longitude)) })
    if (!fields.address.trim()) set('address', (place.name || place.address).slice(0, 80))
  }

  const useHere = async () => {
    if (locating) return
    setLocating(true)
    try {
      const here = await readLocation()
      set('location', { lat: Number(fixed6(here.lat)), lng: Number(fixed6(here.lng)) })
    } catch (err) {
      markError('place', err instanceof LocationProblem ? `${err.title}：${err.detail}` : '暂时无法定位，请稍后再试，或在地图上选点')
    } finally {
      setLocating(false)
    }
  }

  const addPhotos = async () => {
    try {
      const picked = await pickPictures(GRID_MAX_PHOTOS - fields.photos.length)
      const bad = picked.find((p) => pictureProblem(p))
      if (bad) void Taro.showModal({ title: '这不是照片', content: pictureProblem(bad), showCancel: false, confirmText: '重新选择' })
      const good = picked.filter((p) => !pictureProblem(p)).map((p) => p.path)
      if (good.length) set('photos', [...fields.photos, ...good].slice(0, GRID_MAX_PHOTOS))
    } catch {
      void Taro.showToast({ title: '没有选到照片，请重试', icon: 'none' })
    }
  }

  const send = async () => {
    await askForNotices(['review'])
    let photoFileIds: string[] = []
    if (fields.photos.length) {
      try {
        const { userId } = await call('account.me', {})
        photoFileIds = await Promise.all(fields.photos.map((p) => uploadFile(uploadPath(userId, 'photo.jpg'), p)))
      } catch {
        throw new CallError({ code: 'INVALID_INPUT', message: '照片上传失败，请重试，或删除照片后提交', field: 'photoFileIds' })
      }
    }
    const r = await call('grid.report', {
      requestId: requestId.current,
      category: fields.category as GridCategory,
      urgency: fields.urgency,
      text: fields.text.trim(),
      place: { location: fields.location!, address: fields.address.trim() },
      photoFileIds,
    })
    markChanged('grid-mine', 'volunteer-home')
    void Taro.showToast({ title: '已上报', icon: 'success' })
    void Taro.redirectTo({ url: `${ROUTES.gridDetail}?id=${r.id}` })
  }

  const submit = () =>
    form.submit({
      check: () => check(fields),
      confirm: async () => {
        const { confirm } = await Taro.showModal({
          title: '确认上报',
          content: `${GRID_CATEGORY_LABELS[fields.category as GridCategory]}（${GRID_URGENCY_LABELS[fields.urgency]}），${fields.address.trim()}。提交后由所在镇街团委受理，办理进展会通知你。`,
          confirmText: '上报',
          confirmColor: '#d93a2b',
        })
        return confirm
      },
      send,
    })

  return { state, retry, fields, set, errorOf, pickOnMap, useHere, locating, addPhotos, busy: form.busy, submit }
}

export type GridReportForm = ReturnType<typeof useGridReport>
