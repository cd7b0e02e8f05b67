export default definePageConfig({
  // Set on load: 志愿者注册 or 农村青年登记 (?kind=).
  navigationBarTitleText: '注册'
})
