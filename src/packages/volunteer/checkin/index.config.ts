export default definePageConfig({
  navigationBarTitleText: '驿站签到',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark'
})
