export default definePageConfig({
  navigationBarTitleText: '我的优惠记录',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
  onReachBottomDistance: 120
})
