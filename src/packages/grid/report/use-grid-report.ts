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
import { usePageState, type PageState } from '@/components/ui/page-state'
import { pickPhotos } from '@/components/ui/photo-tiles'
import { useSubmit } from '@/components/ui/submit'
import { fixed6 } from '@/components/ui/format'
import type { Counties } from '@/components/ui/PlacePanes'
import { ROUTES } from '@/constants/routes'

export interface Fields {
  category: GridCategory | ''
  urgency: GridUrgency
  text: string
  address: string
  location: { lat: number; lng: number } | null
  /** The township that handles it (where the matter lies): the reporter's own until they choose another. */
  townshipCode: string
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

/** The county and township of a township code ('' names when unknown). */
export function placeOf(counties: Counties, townshipCode: string): { countyCode: string; countyName: string; townshipName: string } {
  for (const c of counties) {
    const t = c.townships.find((x) => x.code === townshipCode)
    if (t) return { countyCode: c.code, countyName: c.name, townshipName: t.name }
  }
  return { countyCode: '', countyName: '', townshipName: '' }
}

/** A request id for one form: sending it again (a lost answer) files nothing new. */
const newRequestId = () => `gr${Date.now().toString(36)}${Math.random().toString(36).slice(2, 12)}`

export function useGridReport() {
  const [fields, setFields] = useState<Fields>({ category: '', urgency: 'normal', text: '', address: '', location: null, townshipCode: '', photos: [] })
  const [locating, setLocating] = useState(false)
  const [counties, setCounties] = useState<Counties>([])
  const [ownTownship, setOwnTownship] = useState('')
  const requestId = useRef(newRequestId())
  const form = useSubmit(ROWS, rowOfField, { verb: '提交' })

  // Whether the caller may report (a volunteer's 我的上报 answers), the due time of each urgency, the
  // townships to choose from and the reporter's own (where a report goes unless they choose another).
  const { state, retry }: { state: PageState<{ dueHours: GridDueHours; reported: number }>; retry: () => void } = usePageState(async () => {
    const [mine, settings, me, divisions] = await Promise.all([
      call('grid.mine', { page: 1, pageSize: 1 }),
      call('settings.get', {}).catch(() => null),
      call('account.me', {}),
      call('directory.divisions', {}),
    ])
    const own = me.roles.find((g) => g.role === 'volunteer')?.scopeId ?? ''
    setCounties(divisions.counties)
    setOwnTownship(own)
    setFields((f) => ({ ...f, townshipCode: f.townshipCode || own }))
    return { dueHours: settings?.gridDueHours ?? DEFAULT_GRID_DUE_HOURS, reported: mine.total }
  }, [])

  const { clearError, markError } = form
  const set = <K extends keyof Fields>(key: K, value: Fields[K]) => {
    setFields((f) => ({ ...f, [key]: value }))
    clearError(key === 'location' || key === 'address' || key === 'townshipCode' ? 'place' : key === 'photos' ? 'photoFileIds' : (key as GridReportRow))
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
    const good = await pickPhotos(GRID_MAX_PHOTOS - fields.photos.length)
    if (good.length) set('photos', [...fields.photos, ...good].slice(0, GRID_MAX_PHOTOS))
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
      ...(fields.townshipCode ? { townshipCode: fields.townshipCode } : {}),
      photoFileIds,
    })
    markChanged('grid-mine', 'volunteer-home')
    void Taro.showToast({ title: '已上报', icon: 'success' })
    void Taro.redirectTo({ url: `${ROUTES.gridDetail}?id=${r.id}` })
  }

  const township = placeOf(counties, fields.townshipCode)

  const submit = () =>
    form.submit({
      check: () => check(fields),
      confirm: async () => {
        const { confirm } = await Taro.showModal({
          title: '确认上报',
          content: `${GRID_CATEGORY_LABELS[fields.category as GridCategory]}（${GRID_URGENCY_LABELS[fields.urgency]}），${fields.address.trim()}。提交后由${township.townshipName || '所在镇街'}团委受理，办理进展会通知你。`,
          confirmText: '上报',
          confirmColor: '#d93a2b',
        })
        return confirm
      },
      send,
    })

  const removePhoto = (i: number) => set('photos', fields.photos.filter((_x, j) => j !== i))

  return { state, retry, fields, set, errorOf, pickOnMap, useHere, locating, addPhotos, removePhoto, counties, township, ownTownship, busy: form.busy, submit }
}

export type GridReportForm = ReturnType<typeof useGridReport>
