export default definePageConfig({
  navigationBarTitleText: '志愿者 / 农村青年注册'
})
