export default definePageConfig({
  navigationBarTitleText: '提名志愿者',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
  onReachBottomDistance: 120
})
