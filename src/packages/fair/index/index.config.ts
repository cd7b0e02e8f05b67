export default definePageConfig({
  navigationBarTitleText: '岗位对接会',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
  onReachBottomDistance: 120
})
