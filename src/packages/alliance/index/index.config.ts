export default definePageConfig({
  navigationBarTitleText: '爱心商家',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
  onReachBottomDistance: 120
})
