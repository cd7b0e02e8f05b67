export default definePageConfig({
  navigationBarTitleText: '岗位对接会'
})
