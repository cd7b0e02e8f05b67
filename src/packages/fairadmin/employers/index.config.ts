export default definePageConfig({
  navigationBarTitleText: '用人单位',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark'
})
