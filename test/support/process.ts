// Runs the local cloud in a child process (for kill -9 and whole-stack tests).
import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'
import readline from 'node:readline'

export interface CloudProcess {
  url: string
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
        const msg = JSON.parse(line) as { ready?: boolean; url?: string }
        if (!msg.ready || !msg.url) return
        clearTimeout(timer)
        child.removeAllListeners('exit')
        resolve({
          url: msg.url,
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

/** Posts one SDK-shaped request to the database endpoint (what the SDK sends, without the SDK). */
export async function adminCall(url: string, body: Record<string, unknown>): Promise<Record<string, any>> {
  const res = await fetch(`${url}/admin`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
  return (await res.json()) as Record<string, any>
}
