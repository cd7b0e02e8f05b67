export default definePageConfig({
  navigationBarTitleText: '补签'
})
