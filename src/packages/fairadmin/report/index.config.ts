export default definePageConfig({
  navigationBarTitleText: '对接会统计',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark'
})
