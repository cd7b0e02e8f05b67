export default definePageConfig({
  navigationBarTitleText: '网格事项统计'
})
