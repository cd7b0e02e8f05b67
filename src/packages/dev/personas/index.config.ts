export default definePageConfig({
  navigationBarTitleText: '切换测试身份'
})
