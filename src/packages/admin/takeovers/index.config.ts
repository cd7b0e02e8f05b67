export default definePageConfig({
  navigationBarTitleText: '账号接管'
})
