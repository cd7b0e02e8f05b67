// Evaluated in Node at build time (config/index.ts sets TARO_APP_DEV_TOOLS from XQ_DEV_TOOLS=1):
// the `dev` subpackage (persona switcher) exists only in local development builds.
const devTools = process.env.TARO_APP_DEV_TOOLS === 'true'

export default defineAppConfig({
  pages: ['pages/index/index', 'pages/mine/index'],
  subPackages: [
    { root: 'packages/volunteer', pages: ['index/index', 'checkin/index', 'hours/index', 'makeup/index', 'certificate/index', 'verify/index'] },
    { root: 'packages/township', pages: ['index/index', 'stations/index', 'station/index', 'codes/index', 'queue/index', 'report/index'] },
    { root: 'packages/perks', pages: ['index/index', 'detail/index', 'records/index'] },
    { root: 'packages/merchant', pages: ['index/index', 'redeem/index', 'perks/index', 'perk/index', 'records/index'] },
    { root: 'packages/alliance', pages: ['index/index', 'merchant/index', 'totals/index'] },
    { root: 'packages/admin', pages: ['index/index', 'registrations/index', 'registration/index', 'takeovers/index', 'invite/index', 'grants/index', 'dashboard/index', 'term/index'] },
    { root: 'packages/account', pages: ['register/index', 'privacy/index', 'invite/index', 'profile/index', 'takeover/index', 'messages/index', 'exports/index'] },
    { root: 'packages/loan', pages: ['index/index', 'apply/index', 'detail/index'] },
    { root: 'packages/lending', pages: ['index/index', 'detail/index', 'lpr/index', 'report/index', 'subsidy/index'] },
    { root: 'packages/bank', pages: ['index/index', 'loan/index'] },
    { root: 'packages/fair', pages: ['index/index', 'detail/index', 'code/index'] },
    { root: 'packages/employer', pages: ['index/index', 'position/index', 'applicants/index'] },
    { root: 'packages/fairadmin', pages: ['index/index', 'edit/index', 'signups/index', 'door/index', 'report/index', 'employers/index'] },
    { root: 'packages/commend', pages: ['index/index', 'edit/index', 'round/index', 'nominate/index', 'review/index', 'decide/index', 'results/index'] },
    { root: 'packages/care', pages: ['index/index', 'history/index', 'visit/index', 'posts/index'] },
    { root: 'packages/grid', pages: ['report/index', 'mine/index', 'detail/index', 'queue/index', 'stats/index'] },
    { root: 'packages/training', pages: ['index/index', 'course/index', 'checkin/index', 'records/index', 'certificate/index', 'manage/index', 'edit/index', 'roster/index', 'door/index', 'report/index'] },
    { root: 'packages/contest', pages: ['index/index', 'detail/index', 'entry/index', 'mine/index', 'results/index', 'edit/index', 'manage/index', 'appeals/index', 'judge/index'] },
    ...(devTools ? [{ root: 'packages/dev', pages: ['personas/index'] }] : [])
  ],
  window: {
    backgroundTextStyle: 'light',
    backgroundColor: '#f6f4f1',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTitleText: '乡青汇',
    navigationBarTextStyle: 'black'
  },
  tabBar: {
    color: '#8a8f99',
    selectedColor: '#d93a2b',
    backgroundColor: '#ffffff',
    borderStyle: 'white',
    list: [
      {
        pagePath: 'pages/index/index',
        text: '首页',
        iconPath: 'assets/tab/home.png',
        selectedIconPath: 'assets/tab/home-active.png'
      },
      {
        pagePath: 'pages/mine/index',
        text: '我的',
        iconPath: 'assets/tab/mine.png',
        selectedIconPath: 'assets/tab/mine-active.png'
      }
    ]
  },
  requiredPrivateInfos: ['getLocation', 'chooseLocation'],
  permission: {
    'scope.userLocation': {
      desc: '用于志愿服务签到时确认您在驿站附近，以及为您优先显示附近的爱心商家'
    }
  },
  lazyCodeLoading: 'requiredComponents'
})
