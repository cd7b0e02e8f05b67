export default definePageConfig({
  navigationBarTitleText: '培训与大赛统计',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark'
})
