export default definePageConfig({
  navigationBarTitleText: 'LPR 表'
})
