export default definePageConfig({
  navigationBarTitleText: '驿站签到'
})
