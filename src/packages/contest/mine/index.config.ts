export default definePageConfig({
  navigationBarTitleText: '我的参赛',
  navigationBarBackgroundColor: '#d93a2b',
  navigationBarTextStyle: 'white',
})
