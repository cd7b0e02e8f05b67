export default definePageConfig({
  navigationBarTitleText: '服务时长报表',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
  onReachBottomDistance: 120
})
