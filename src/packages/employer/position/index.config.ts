export default definePageConfig({
  navigationBarTitleText: '岗位信息',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark'
})
