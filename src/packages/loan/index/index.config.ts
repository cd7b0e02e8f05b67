export default definePageConfig({
  navigationBarTitleText: '创业贴息贷款',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark'
})
