export default definePageConfig({
  navigationBarTitleText: '账号接管',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
  onReachBottomDistance: 120
})
