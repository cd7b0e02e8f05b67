export default definePageConfig({
  navigationBarTitleText: '商家信息',
  backgroundTextStyle: 'dark'
})
