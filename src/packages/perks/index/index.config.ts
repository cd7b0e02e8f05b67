export default definePageConfig({
  navigationBarTitleText: '爱心商家优惠',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
  onReachBottomDistance: 120
})
