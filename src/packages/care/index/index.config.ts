export default definePageConfig({
  navigationBarTitleText: '志愿者关怀',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
  onReachBottomDistance: 120
})
