export default definePageConfig({
  navigationBarTitleText: '提名名单',
  enablePullDownRefresh: false,
  onReachBottomDistance: 120
})
