// A PostCSS plugin: removes the @font-face rules of the named font families.
// Used for NutUI's default theme (imported by src/styles/nutui-theme.scss), which embeds two "JD"
// number fonts (JDZH-Regular, JDZH-Bold: ~17 KiB of base64 in every subpackage that imports the
// theme). Only NutUI's Price, Badge, Rate and Countdown use them, and we use none of these.
// It runs after postcss-import has inlined the theme; the theme's variables stay as they are.
// (CommonJS: Taro requires local PostCSS plugins by path.)
module.exports = (options = {}) => {
  const families = new Set(options.families || [])
  return {
    postcssPlugin: 'drop-font-faces',
    AtRule: {
      'font-face': (rule) => {
        const family = rule.nodes && rule.nodes.find((node) => node.type === 'decl' && node.prop === 'font-family')
        if (family && families.has(family.value.replace(/["']/g, '').trim())) rule.remove()
      },
    },
  }
}
module.exports.postcss = true
