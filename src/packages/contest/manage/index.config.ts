export default definePageConfig({
  navigationBarTitleText: '大赛管理',
  navigationBarBackgroundColor: '#d93a2b',
  navigationBarTextStyle: 'white',
})
