export default definePageConfig({
  navigationBarTitleText: '注册审核',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
  onReachBottomDistance: 120
})
