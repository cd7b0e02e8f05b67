export default definePageConfig({
  navigationBarTitleText: '岗位对接会管理',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
  onReachBottomDistance: 120
})
