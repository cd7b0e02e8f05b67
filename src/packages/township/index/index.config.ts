export default definePageConfig({
  navigationBarTitleText: '镇街工作台',
  navigationBarBackgroundColor: '#d93a2b',
  navigationBarTextStyle: 'white',
  backgroundColor: '#d93a2b',
  backgroundTextStyle: 'light',
  enablePullDownRefresh: true
})
