export default definePageConfig({
  navigationBarTitleText: '市级评定',
  enablePullDownRefresh: false,
  onReachBottomDistance: 120
})
