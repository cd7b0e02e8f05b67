export default definePageConfig({
  navigationBarTitleText: '贷款受理',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
  onReachBottomDistance: 120
})
