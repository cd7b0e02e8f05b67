export default definePageConfig({
  navigationBarTitleText: '注册详情',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark'
})
