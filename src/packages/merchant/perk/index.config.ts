export default definePageConfig({
  navigationBarTitleText: '编辑优惠',
  backgroundTextStyle: 'dark'
})
