export default definePageConfig({
  navigationBarTitleText: '报名人员',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
  onReachBottomDistance: 120
})
