export default definePageConfig({
  navigationBarTitleText: '贷款审核'
})
