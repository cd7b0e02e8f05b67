// Browser journeys need Debian's Chromium (and CJK fonts for readable screenshots), and the
// development H5 build. Installs Chromium when it is missing and we may (root, apt-get).
import { execSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { CHROMIUM } from '../support/browser'
import { H5_DIST } from '../support/stack'

export default function setup(): void {
  if (!fs.existsSync(CHROMIUM)) {
    if (process.getuid?.() !== 0) throw new Error(`Chromium is missing at ${CHROMIUM}: install Debian's chromium and fonts-noto-cjk`)
    console.log('\n正在安装 Chromium（Debian 软件包）…')
    execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk', { stdio: 'inherit' })
  }
  const marker = path.join(H5_DIST, '.xq-build.json')
  if (!fs.existsSync(marker) || !fs.readFileSync(marker, 'utf8').includes('XQ_DEV_TOOLS')) {
    throw new Error(`${H5_DIST} has no development build: run npm test, which builds it`)
  }
}
