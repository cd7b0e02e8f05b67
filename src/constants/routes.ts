/** Page paths (keep this file tiny: whatever main pages import lands in the main package). */
export const ROUTES = {
  home: '/pages/index/index',
  mine: '/pages/mine/index',
  volunteer: '/packages/volunteer/index/index',
  township: '/packages/township/index/index',
  merchant: '/packages/merchant/index/index',
  admin: '/packages/admin/index/index',
  bank: '/packages/bank/index/index',
  employer: '/packages/employer/index/index',
  personas: '/packages/dev/personas/index'
} as const

export type RoutePath = (typeof ROUTES)[keyof typeof ROUTES]
