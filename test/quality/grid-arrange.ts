// Grid reports (志愿网格员) placed straight into a local cloud in any state, for the authorization
// matrix (scenarios.ts) and the transition matrix: what the steps before would have left.
import crypto from 'node:crypto'
import { EJSON } from 'bson'
import type { AppCloud } from '../support/app'
import { townshipOf } from '../../cloudfunctions/_shared/divisions'
import type { GridStatus } from '../../types/grid-rules'

/** A matter reported by `reporter` (an openid; its account if there is one) in `townshipCode`, now in `status`. */
export async function arrangeGridReport(app: AppCloud, townshipCode: string, status: GridStatus, reporter = 'o_demo_volunteer'): Promise<{ id: string; version: number; owner: string }> {
  const place = townshipOf(townshipCode)!
  const user = [...app.cloud.store.get('users').docs.values()].find((u) => u.openid === reporter)
  const userId = (user?._id as string | undefined) ?? `u_${crypto.randomBytes(6).toString('hex')}`
  const id = `g${crypto.randomBytes(8).toString('hex')}`
  const now = new Date()
  const open = ['submitted', 'accepted', 'assigned'].includes(status)
  const steps: GridStatus[] = ['submitted', ...(status === 'submitted' ? [] : status === 'declined' ? (['declined'] as const) : (['accepted', 'assigned', 'closed'] as const).slice(0, ['accepted', 'assigned', 'closed'].indexOf(status) + 1))]
  const doc = {
    _id: id,
    userId,
    openid: reporter,
    reporterName: '林*雨',
    category: 'environment',
    urgency: 'normal',
    text: '矩阵测试：村口垃圾堆放',
    address: `${place.townshipName}村口`,
    location: { lat: 23.6975, lng: 113.0555 },
    townshipCode: place.townshipCode,
    townshipName: place.townshipName,
    countyCode: place.countyCode,
    countyName: place.countyName,
    photoIds: [],
    status,
    version: steps.length,
    dueAt: new Date(now.getTime() + 72 * 3600_000),
    acceptedAt: status === 'submitted' || status === 'declined' ? null : now,
    assignedAt: status === 'assigned' || status === 'closed' ? now : null,
    assignee: status === 'assigned' || status === 'closed' ? { kind: 'department', name: '城管办', phoneSealed: '', phoneMasked: '' } : null,
    assignNote: '',
    resolution: status === 'closed' ? '已清理' : '',
    resolutionPhotoIds: [],
    declineReason: status === 'declined' ? '不属于本镇街' : '',
    closedAt: open ? null : now,
    closeMinutes: 0,
    late: false,
    handledBy: '',
    history: steps.map((s) => ({ at: now, status: s, by: s === 'submitted' ? userId : 'staff', byName: '矩阵', note: '' })),
    createdAt: now,
    updatedAt: now,
  }
  await app.cloud.db.handle('database.insertDocument', { collectionName: 'grid_reports', data: [EJSON.stringify(doc, { relaxed: false })] })
  return { id, version: doc.version, owner: reporter }
}
