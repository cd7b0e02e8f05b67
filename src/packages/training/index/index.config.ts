export default definePageConfig({
  navigationBarTitleText: '培训课程',
  navigationBarBackgroundColor: '#d93a2b',
  navigationBarTextStyle: 'white',
})
