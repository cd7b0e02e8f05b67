export default definePageConfig({
  navigationBarTitleText: '本店优惠',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
  onReachBottomDistance: 120
})
