export default definePageConfig({
  navigationBarTitleText: '团委管理',
  navigationBarBackgroundColor: '#d93a2b',
  navigationBarTextStyle: 'white',
  backgroundColor: '#d93a2b',
  backgroundTextStyle: 'light',
  enablePullDownRefresh: true
})
