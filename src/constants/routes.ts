/** Page paths (keep this file tiny: whatever main pages import lands in the main package). */
export const ROUTES = {
  home: '/pages/index/index',
  mine: '/pages/mine/index',
  volunteer: '/packages/volunteer/index/index',
  checkin: '/packages/volunteer/checkin/index',
  hours: '/packages/volunteer/hours/index',
  makeup: '/packages/volunteer/makeup/index',
  certificate: '/packages/volunteer/certificate/index',
  verify: '/packages/volunteer/verify/index',
  township: '/packages/township/index/index',
  stations: '/packages/township/stations/index',
  station: '/packages/township/station/index',
  stationCodes: '/packages/township/codes/index',
  queue: '/packages/township/queue/index',
  report: '/packages/township/report/index',
  merchant: '/packages/merchant/index/index',
  admin: '/packages/admin/index/index',
  adminRegistrations: '/packages/admin/registrations/index',
  adminRegistration: '/packages/admin/registration/index',
  adminTakeovers: '/packages/admin/takeovers/index',
  adminInvite: '/packages/admin/invite/index',
  adminGrants: '/packages/admin/grants/index',
  register: '/packages/account/register/index',
  privacy: '/packages/account/privacy/index',
  invite: '/packages/account/invite/index',
  profile: '/packages/account/profile/index',
  takeover: '/packages/account/takeover/index',
  bank: '/packages/bank/index/index',
  employer: '/packages/employer/index/index',
  // Only development builds have the persona switcher; production builds keep no trace of it.
  personas: process.env.TARO_APP_DEV_TOOLS === 'true' ? '/packages/dev/personas/index' : ''
} as const

export type RoutePath = (typeof ROUTES)[keyof typeof ROUTES]
