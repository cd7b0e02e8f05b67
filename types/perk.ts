// The `perk` function: the caring-merchant alliance (爱心商家联盟). Admins add merchants (and
// departments); merchants publish perks; a volunteer shows a short-lived single-use code; the
// merchant scans it, sees what to give, and confirms: the redemption is recorded exactly once.
import { action, CloudFileId, freeText, PageInput, pageOf, text } from './common'
import { Coordinate } from './station'
import { isRealDate, MOBILE_PATTERN } from './personal'
import { MERCHANT_CATEGORIES, PERK_CODE, type MerchantCategory } from './vocabulary'
import * as z from './zod'
import { ExportJob, JobId, JobPace } from './jobs'

export { MERCHANT_CATEGORIES, PERK_CODE, type MerchantCategory }

const merchantId = z.string({ error: '缺少商家' }).describe('商家').regex(/^[A-Za-z0-9_-]{4,40}$/, '商家编号无效')
const perkId = z.string({ error: '缺少优惠' }).describe('优惠').regex(/^[A-Za-z0-9_-]{4,40}$/, '优惠编号无效')
const ymd = (label: string) =>
  z
    .string({ error: `请选择${label}` })
    .describe(label)
    .refine(isRealDate, `${label}不是有效日期`)
const countyCode = z.string().describe('县（市、区）').regex(/^\d{6}$/, '县（市、区）无效')
const token = z.string({ error: '请扫描志愿者出示的优惠码' }).describe('优惠码').trim().max(600, '优惠码无效').regex(PERK_CODE, '这不是乡青汇的优惠码')

export const MerchantView = z.object({
  id: z.string(),
  name: z.string(),
  category: z.enum(MERCHANT_CATEGORIES),
  isDepartment: z.boolean(),
  countyCode: z.string(),
  countyName: z.string(),
  address: z.string(),
  location: Coordinate.nullable(),
  contactName: z.string(),
  contactPhoneMasked: z.string(),
  status: z.enum(['active', 'suspended']),
  perkCount: z.number(),
})
export type MerchantView = z.infer<typeof MerchantView>

export const PerkView = z.object({
  id: z.string(),
  merchantId: z.string(),
  merchantName: z.string(),
  category: z.enum(MERCHANT_CATEGORIES),
  title: z.string(),
  description: z.string(),
  terms: z.string(),
  pictureUrl: z.string(),
  minStar: z.number(),
  /** Counties whose volunteers may use it (empty: all). */
  counties: z.array(z.string()),
  perDay: z.number(),
  perMonth: z.number(),
  quota: z.number(),
  redeemed: z.number(),
  validFrom: z.string(),
  validTo: z.string(),
  /** suspended: its merchant is suspended (paused ones too); it comes back as it was when the merchant resumes. */
  status: z.enum(['active', 'paused', 'suspended']),
  address: z.string(),
  location: Coordinate.nullable(),
  distanceM: z.number().nullable(),
  /** For a volunteer browsing: whether they may use it now, and if not, why. */
  eligible: z.boolean(),
  reason: z.string(),
})
export type PerkView = z.infer<typeof PerkView>

export const RedemptionView = z.object({
  id: z.string(),
  perkId: z.string(),
  perkTitle: z.string(),
  merchantName: z.string(),
  volunteerName: z.string(),
  star: z.number(),
  at: z.string(),
})
export type RedemptionView = z.infer<typeof RedemptionView>

/** What the merchant sees after scanning: whom it is for and what to give, or why not. */
export const ScanView = z.object({
  valid: z.boolean(),
  reason: z.string(),
  perkTitle: z.string(),
  terms: z.string(),
  volunteerName: z.string(),
  star: z.number(),
  expiresAt: z.string(),
  /** Seconds the code has left, counted by the server when it answered (a phone's own clock may be off). */
  secondsLeft: z.number(),
})

export const perk = {
  merchants: action({
    summary: '爱心商家列表（团市委：全市；县团委：本县）',
    input: PageInput.extend({ countyCode: countyCode.optional(), status: z.enum(['active', 'suspended']).optional() }),
    output: pageOf(MerchantView),
    access: { who: ['county_admin', 'city_admin'], objects: 'county' },
  }),
  saveMerchant: action({
    summary: '新增或修改爱心商家（含文旅、卫健等部门）',
    silent: '团委维护商家资料，不改变任何人的权益；暂停或恢复时另行通知店员',
    input: z.object({
      id: merchantId.optional(),
      name: text('商家名称', 40, 2),
      category: z.enum(MERCHANT_CATEGORIES, { error: '请选择类别' }).describe('类别'),
      isDepartment: z.boolean().default(false),
      countyCode: z.string({ error: '请选择县（市、区）' }).describe('县（市、区）').regex(/^\d{6}$/, '请选择县（市、区）'),
      address: text('地址', 80, 2),
      location: Coordinate.nullable().default(null),
      contactName: text('联系人', 20, 2),
      /** Required for a new merchant; when editing, left out keeps the number on file (the form only ever shows it masked). */
      contactPhone: z.string({ error: '请填写联系电话' }).describe('联系电话').trim().regex(MOBILE_PATTERN, '联系电话应为 11 位手机号').optional(),
    }),
    output: MerchantView,
    access: { who: ['county_admin', 'city_admin'], objects: 'county' },
    moderate: ['name', 'address'],
  }),
  setMerchantStatus: action({
    summary: '暂停或恢复一个商家（暂停后其优惠全部不可用，店员也不能恢复；恢复商家后各优惠回到原状态）',
    input: z.object({ id: merchantId, status: z.enum(['active', 'suspended']).describe('状态'), reason: text('理由', 200, 2) }),
    output: MerchantView,
    access: { who: ['county_admin', 'city_admin'], objects: 'county' },
  }),
  managePerks: action({
    summary: '本商家（管理员：管辖范围内）的优惠',
    input: PageInput.extend({ merchantId: merchantId.optional() }),
    output: pageOf(PerkView),
    access: { who: ['merchant', 'county_admin', 'city_admin'], objects: 'merchant' },
  }),
  savePerk: action({
    summary: '发布或修改优惠',
    silent: '商家发布或修改本店优惠，志愿者浏览时即可看到',
    input: z
      .object({
        id: perkId.optional(),
        merchantId,
        title: text('优惠名称', 30, 2),
        description: text('优惠内容', 200, 4),
        terms: freeText('使用说明', 300).default(''),
        pictureFileId: CloudFileId.describe('图片').optional(),
        minStar: z.number().describe('最低星级').int().min(0, '最低星级为 0–5').max(5, '最低星级为 0–5').default(0),
        counties: z.array(countyCode).describe('适用地区').max(8).default([]),
        perDay: z.number({ error: '请填写每人每日次数' }).describe('每人每日次数').int().min(1, '每人每日至少 1 次').max(10, '每人每日最多 10 次'),
        perMonth: z.number({ error: '请填写每人每月次数' }).describe('每人每月次数').int().min(1, '每人每月至少 1 次').max(100, '每人每月最多 100 次'),
        quota: z.number({ error: '请填写总名额' }).describe('总名额').int().min(1, '总名额至少 1').max(1_000_000),
        validFrom: ymd('开始日期'),
        validTo: ymd('结束日期'),
      })
      .refine((p) => p.validTo >= p.validFrom, { message: '结束日期不能早于开始日期', path: ['validTo'] })
      .refine((p) => p.perMonth >= p.perDay, { message: '每月次数不能少于每日次数', path: ['perMonth'] }),
    output: PerkView,
    access: { who: ['merchant', 'county_admin', 'city_admin'], objects: 'merchant' },
    moderate: ['title', 'description', 'terms'],
  }),
  setPerkStatus: action({
    summary: '暂停或恢复一项优惠（商家暂停参与期间不能恢复）',
    silent: '商家调整本店一项优惠，志愿者浏览时即可看到',
    input: z.object({ id: perkId, status: z.enum(['active', 'paused']).describe('状态') }),
    output: PerkView,
    access: { who: ['merchant', 'county_admin', 'city_admin'], objects: 'merchant' },
  }),
  browse: action({
    summary: '志愿者浏览优惠（附近优先，可按类别筛选、按商家名称或优惠名称搜索；不含暂停参与的商家的优惠）',
    input: PageInput.extend({
      category: z.enum(MERCHANT_CATEGORIES).optional(),
      near: Coordinate.optional(),
      keyword: z.string({ error: '搜索内容应为文字' }).describe('搜索内容').trim().max(20, '搜索内容最多 20 个字').optional(),
    }),
    output: z.object({ items: z.array(PerkView), total: z.number(), star: z.number() }),
    access: { who: ['volunteer'], objects: 'own' },
  }),
  detail: action({
    summary: '查看一项优惠（以及我能否使用）',
    input: z.object({ id: perkId }),
    output: PerkView,
    access: { who: ['volunteer'], objects: 'own' },
  }),
  code: action({
    summary: '生成优惠码（约 60 秒有效，只能使用一次；剩 30 秒时换新码，扫到的码总留有核销的时间；商家暂停参与期间不能生成）',
    silent: '本人操作，结果当场显示在本人的页面上',
    input: z.object({ perkId }),
    output: z.object({ token: z.string(), expiresAt: z.string(), refreshInSeconds: z.number(), volunteerName: z.string(), star: z.number(), perkTitle: z.string() }),
    access: { who: ['volunteer'], objects: 'own' },
    rateLimit: { max: 240, windowSeconds: 3600 },
  }),
  verify: action({
    summary: '商家扫码核验优惠码（不记为使用；商家暂停参与期间无效）',
    input: z.object({ token }),
    output: ScanView,
    access: { who: ['merchant'], objects: 'merchant' },
  }),
  confirm: action({
    summary: '商家确认核销（每个优惠码只记一次；商家暂停参与期间不能核销）',
    input: z.object({ token }),
    output: RedemptionView,
    access: { who: ['merchant'], objects: 'merchant' },
  }),
  myRedemptions: action({
    summary: '我的优惠使用记录',
    input: PageInput,
    output: pageOf(RedemptionView),
    access: { who: ['volunteer'], objects: 'own' },
  }),
  merchantRedemptions: action({
    summary: '本商家的核销记录（按日）',
    input: PageInput.extend({ date: ymd('日期').optional() }),
    output: z.object({ items: z.array(RedemptionView), total: z.number(), date: z.string() }),
    access: { who: ['merchant'], objects: 'merchant' },
  }),
  totals: action({
    summary: '优惠核销汇总（按商家、优惠、县）',
    input: z.object({ from: ymd('开始日期').optional(), to: ymd('结束日期').optional(), countyCode: countyCode.optional() }),
    output: z.object({
      byMerchant: z.array(z.object({ merchantId: z.string(), merchantName: z.string(), count: z.number() })),
      byPerk: z.array(z.object({ perkId: z.string(), perkTitle: z.string(), merchantName: z.string(), count: z.number() })),
      byCounty: z.array(z.object({ countyCode: z.string(), countyName: z.string(), count: z.number() })),
      total: z.number(),
    }),
    access: { who: ['county_admin', 'city_admin'], objects: 'county' },
  }),
  exportTotals: action({
    summary: '导出优惠核销汇总及每笔核销明细（Excel，文件名含地区与时段）：在后台分批生成，带 jobId 再次调用查看进度（只能查看自己发起的导出）',
    silent: '本人操作，进度与文件当场显示在本人的页面上',
    input: z.object({
      from: ymd('开始日期').optional(),
      to: ymd('结束日期').optional(),
      countyCode: countyCode.optional(),
      /** An export already started: where it stands (the other fields are not read). */
      jobId: JobId.optional(),
      pace: JobPace.optional(),
    }),
    output: ExportJob,
    // Starting an export is limited (30 an hour, in the function); asking how one goes is not.
    access: { who: ['county_admin', 'city_admin'], objects: 'county' },
  }),
}
