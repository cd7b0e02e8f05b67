export default definePageConfig({
  navigationBarTitleText: '编辑对接会'
})
