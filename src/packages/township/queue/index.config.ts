export default definePageConfig({
  navigationBarTitleText: '签到审核'
})
