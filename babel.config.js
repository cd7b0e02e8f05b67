// babel-preset-taro 更多选项和默认值：
// https://docs.taro.zone/docs/next/babel-config
module.exports = {
  presets: [
    ['taro', {
      framework: 'react',
      ts: true,
      compiler: 'webpack5'
    }]
  ],
  plugins: [
    // NutUI React Taro 3 按需引入（中文文档的 customName / customStyleName 写法）：
    // `import { Button } from '@nutui/nutui-react-taro'` →
    //   dist/es/packages/button + dist/es/packages/button/style/css
    // Never import the full `@nutui/nutui-react-taro/dist/style.css`.
    ['import', {
      libraryName: '@nutui/nutui-react-taro',
      camel2DashComponentName: false,
      customName: (name) => `@nutui/nutui-react-taro/dist/es/packages/${name.toLowerCase()}`,
      customStyleName: (name) => `@nutui/nutui-react-taro/dist/es/packages/${name.toLowerCase()}/style/css`
    }, 'nutui-react-taro'],
    // NutUI icons: `import { Add } from '@nutui/icons-react-taro'` → dist/es/icons/Add
    // (the package index is marked side-effectful, so a named import would pull every icon).
    ['import', {
      libraryName: '@nutui/icons-react-taro',
      camel2DashComponentName: false,
      customName: (name) => `@nutui/icons-react-taro/dist/es/icons/${name}`
    }, 'nutui-icons-react-taro']
  ]
}
