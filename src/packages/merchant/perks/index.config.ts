export default definePageConfig({
  navigationBarTitleText: '本店优惠'
})
