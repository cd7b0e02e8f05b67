export default definePageConfig({
  navigationBarTitleText: '大赛详情',
  navigationBarBackgroundColor: '#d93a2b',
  navigationBarTextStyle: 'white',
})
