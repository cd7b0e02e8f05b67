export default definePageConfig({
  navigationBarTitleText: '贷款审核',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
  onReachBottomDistance: 120
})
