export default definePageConfig({
  navigationBarTitleText: '驿站信息',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark'
})
