export default definePageConfig({
  navigationBarTitleText: '对接会详情',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark'
})
