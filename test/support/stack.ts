// The whole product as `npm start` runs it (functions, local cloud, gateway, H5 build and demo
// data), in-process on a fresh data folder, for browser journeys.
import fs from 'node:fs'
import path from 'node:path'
import { placeBuiltFunctions } from './functions-cache'
import { gatewayPersonas, seedDemo } from '../../scripts/demo'
import type { LocalCloud } from '../../localcloud/server'
import { startWatchedCloud } from './app'
import { tempDir } from './localcloud'

/** The development H5 build the journeys use (XQ_H5_DIST to use another folder). */
export const H5_DIST = path.resolve(__dirname, '../..', process.env.XQ_H5_DIST ?? 'dist-h5')

export interface Stack {
  cloud: LocalCloud
  url: string
  close(): Promise<void>
}

export async function startStack(): Promise<Stack> {
  const dataDir = tempDir('stack')
  const functionsDir = path.join(dataDir, 'functions')
  await placeBuiltFunctions(functionsDir)
  const cloud = await startWatchedCloud({ dataDir, functionsDir, staticDir: H5_DIST, personas: gatewayPersonas() })
  await seedDemo(cloud)
  return {
    cloud,
    url: cloud.url,
    async close() {
      await cloud.close()
      fs.rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** Where journeys save their screenshots (a CI artifact). */
export const ARTIFACTS = path.resolve(__dirname, '../../test-artifacts')
export function artifact(name: string): string {
  fs.mkdirSync(ARTIFACTS, { recursive: true })
  return path.join(ARTIFACTS, name)
}
