export default definePageConfig({
  navigationBarTitleText: '职务管理',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
  onReachBottomDistance: 120
})
