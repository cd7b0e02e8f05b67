// NutUI's icons, as our pages use them. They render an <i> element by default, which a mini
// program has no template for (the icon silently vanishes in WeChat); a view draws the same
// masked SVG there. Import icons from here, never from the package directly. Each icon comes
// from its own file (the package index would pull every icon in).
import { configure } from '@nutui/icons-react-taro/dist/es/icons/configure.js'
// Draws them (without it an icon measures 0×0); only pages that show an icon load it.
import ArrowRight from '@nutui/icons-react-taro/dist/es/icons/ArrowRight.js'
import Checked from '@nutui/icons-react-taro/dist/es/icons/Checked.js'
import Copy from '@nutui/icons-react-taro/dist/es/icons/Copy.js'
import Failure from '@nutui/icons-react-taro/dist/es/icons/Failure.js'
import MaskClose from '@nutui/icons-react-taro/dist/es/icons/MaskClose.js'
import NetworkError from '@nutui/icons-react-taro/dist/es/icons/NetworkError.js'
import Notice from '@nutui/icons-react-taro/dist/es/icons/Notice.js'
import Order from '@nutui/icons-react-taro/dist/es/icons/Order.js'
import QrCode from '@nutui/icons-react-taro/dist/es/icons/QrCode.js'
import Search from '@nutui/icons-react-taro/dist/es/icons/Search.js'
import ShieldCheck from '@nutui/icons-react-taro/dist/es/icons/ShieldCheck.js'
import Warning from '@nutui/icons-react-taro/dist/es/icons/Warning.js'
import '@nutui/icons-react-taro/dist/style_icon.css'

if (process.env.TARO_ENV !== 'h5') configure({ tag: 'view' })

export { ArrowRight, Checked, Copy, Failure, MaskClose, NetworkError, Notice, Order, QrCode, Search, ShieldCheck, Warning }
