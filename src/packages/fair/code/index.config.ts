export default definePageConfig({
  navigationBarTitleText: '入场码',
  navigationBarBackgroundColor: '#d93a2b',
  navigationBarTextStyle: 'white',
  backgroundColor: '#d93a2b'
})
