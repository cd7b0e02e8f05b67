export default definePageConfig({
  navigationBarTitleText: '贷款申请',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark'
})
