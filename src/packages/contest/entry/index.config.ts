export default definePageConfig({
  navigationBarTitleText: '我的参赛作品',
  navigationBarBackgroundColor: '#d93a2b',
  navigationBarTextStyle: 'white',
})
