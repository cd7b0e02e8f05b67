export default definePageConfig({
  navigationBarTitleText: '驿站管理',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
  onReachBottomDistance: 120
})
