export default definePageConfig({
  navigationBarTitleText: '贷款统计',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark'
})
