export default definePageConfig({
  navigationBarTitleText: '贴息拨付汇总',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark'
})
