export default definePageConfig({
  navigationBarTitleText: '服务时长',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
  onReachBottomDistance: 120
})
