export default definePageConfig({
  navigationBarTitleText: '商家核销',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark'
})
