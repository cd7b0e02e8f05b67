export default definePageConfig({
  navigationBarTitleText: '签到审核',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
  onReachBottomDistance: 120
})
