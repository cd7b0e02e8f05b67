export default definePageConfig({
  navigationBarTitleText: '入场签到',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark'
})
