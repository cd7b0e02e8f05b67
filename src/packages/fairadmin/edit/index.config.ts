export default definePageConfig({
  navigationBarTitleText: '对接会信息',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark'
})
