export default definePageConfig({
  navigationBarTitleText: '贷款统计'
})
