export default definePageConfig({
  navigationBarTitleText: '我的导出',
  enablePullDownRefresh: true,
})
