export default definePageConfig({
  navigationBarTitleText: 'LPR 表',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark'
})
