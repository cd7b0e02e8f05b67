export default definePageConfig({
  navigationBarTitleText: '核销优惠',
  backgroundTextStyle: 'dark'
})
