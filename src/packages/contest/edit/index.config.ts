export default definePageConfig({
  navigationBarTitleText: '编辑大赛',
  navigationBarBackgroundColor: '#d93a2b',
  navigationBarTextStyle: 'white',
})
