export default definePageConfig({
  navigationBarTitleText: '贷款受理'
})
