export default definePageConfig({
  navigationBarTitleText: '两赛·大赛',
  navigationBarBackgroundColor: '#d93a2b',
  navigationBarTextStyle: 'white',
})
