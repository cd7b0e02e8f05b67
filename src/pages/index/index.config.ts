export default definePageConfig({
  navigationBarTitleText: '乡青汇',
  navigationBarBackgroundColor: '#d93a2b',
  navigationBarTextStyle: 'white',
  backgroundColorTop: '#d93a2b'
})
