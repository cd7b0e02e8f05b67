export default definePageConfig({
  navigationBarTitleText: '探访记录',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark'
})
