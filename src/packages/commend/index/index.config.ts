export default definePageConfig({
  navigationBarTitleText: '评选表彰',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
  onReachBottomDistance: 120
})
