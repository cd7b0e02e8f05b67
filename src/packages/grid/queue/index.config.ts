export default definePageConfig({
  navigationBarTitleText: '网格上报事项',
  enablePullDownRefresh: true
})
