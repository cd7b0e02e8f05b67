export default definePageConfig({
  navigationBarTitleText: '志愿者服务期',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
  onReachBottomDistance: 120
})
