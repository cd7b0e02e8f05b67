export default definePageConfig({
  navigationBarTitleText: '爱心商家优惠'
})
