// Runs the local cloud in a child process (for kill -9 and whole-stack tests).
import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'
import readline from 'node:readline'
import { sdkCredentials, signSdkRequest } from '../../localcloud/access'

export interface CloudProcess {
  url: string
  /** This start's token (the `x-xq-local-token` header; the SDK endpoint's credentials derive from it). */
  token: string
  child: ChildProcess
  stop(signal?: NodeJS.Signals): Promise<void>
}

export const projectRoot = path.resolve(__dirname, '../..')

export function spawnLocalCloud(args: string[]): Promise<CloudProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'localcloud/cli.ts'), 'serve', ...args], {
    cwd: projectRoot,
    env: { ...process.env, TZ: 'UTC', NODE_ENV: 'development' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stderr = ''
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()))
  return new Promise((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout! })
    const timer = setTimeout(() => reject(new Error(`local cloud did not start: ${stderr}`)), 30000)
    child.once('exit', (code) => reject(new Error(`local cloud exited with ${code}: ${stderr}`)))
    lines.on('line', (line) => {
      try {
        const msg = JSON.parse(line) as { ready?: boolean; url?: string; token?: string }
        if (!msg.ready || !msg.url || !msg.token) return
        clearTimeout(timer)
        child.removeAllListeners('exit')
        resolve({
          url: msg.url,
          token: msg.token,
          child,
          stop: (signal = 'SIGTERM') =>
            new Promise((done) => {
              if (child.exitCode !== null || child.signalCode !== null) return done()
              child.once('exit', () => done())
              child.kill(signal)
            }),
        })
      } catch {
        // not our line
      }
    })
  })
}

/** A running local cloud, in this process (LocalCloud) or another (CloudProcess). */
export interface CloudAddress {
  url: string
  token: string
}

/**
 * Posts one request to the SDK endpoint, signed as the SDK signs it with the local cloud's
 * credentials (what a function's SDK sends, without the SDK): a JSON body, or any text as it is.
 */
export function adminFetch(cloud: CloudAddress, body: Record<string, unknown> | string): Promise<Response> {
  const url = `${cloud.url}/admin`
  const signed = signSdkRequest(sdkCredentials(cloud.token), url, body)
  return fetch(url, { method: 'POST', headers: signed.headers, body: signed.body })
}

/** Posts one SDK-shaped request to the database endpoint; its JSON reply. */
export async function adminCall(cloud: CloudAddress, body: Record<string, unknown>): Promise<Record<string, any>> {
  return (await (await adminFetch(cloud, body)).json()) as Record<string, any>
}
