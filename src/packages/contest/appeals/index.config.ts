export default definePageConfig({
  navigationBarTitleText: '申诉处理',
  navigationBarBackgroundColor: '#d93a2b',
  navigationBarTextStyle: 'white',
})
