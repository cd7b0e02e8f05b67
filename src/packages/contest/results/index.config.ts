export default definePageConfig({
  navigationBarTitleText: '比赛结果',
  navigationBarBackgroundColor: '#d93a2b',
  navigationBarTextStyle: 'white',
})
