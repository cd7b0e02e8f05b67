export default definePageConfig({
  navigationBarTitleText: '贷款申请'
})
