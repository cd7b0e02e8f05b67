export default definePageConfig({
  navigationBarTitleText: '核销汇总',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark'
})
