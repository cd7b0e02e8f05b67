export default definePageConfig({
  navigationBarTitleText: '招聘对接',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark'
})
