export default definePageConfig({
  navigationBarTitleText: '创业贴息贷款'
})
