export default definePageConfig({
  navigationBarTitleText: '大赛评审',
  navigationBarBackgroundColor: '#d93a2b',
  navigationBarTextStyle: 'white',
})
