// The test clouds' shared build of the functions is the build itself, and its key covers
// everything the bundles import (else an edit could leave tests running yesterday's code).
import fs from 'node:fs'
import path from 'node:path'
import { buildFunctions, ROOT } from '../../scripts/build-functions'
import { BUILD_INPUTS, placeBuiltFunctions } from './functions-cache'
import { tempDir } from './localcloud'

function filesOf(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>()
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name)
      if (entry.isDirectory()) walk(full)
      else out.set(path.relative(dir, full), fs.readFileSync(full))
    }
  }
  walk(dir)
  return out
}

test('a cloud gets exactly the files buildFunctions writes', async () => {
  const dir = tempDir('functions-cache')
  try {
    await buildFunctions({ outDir: path.join(dir, 'built'), minify: false })
    await placeBuiltFunctions(path.join(dir, 'placed'), { minify: false })
    const built = filesOf(path.join(dir, 'built'))
    const placed = filesOf(path.join(dir, 'placed'))
    expect([...placed.keys()].sort()).toEqual([...built.keys()].sort())
    for (const [file, bytes] of built) expect({ file, same: placed.get(file)!.equals(bytes) }).toEqual({ file, same: true })
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}, 120_000)

test("every file the functions import from the repository is among the build's inputs", () => {
  const inputs = BUILD_INPUTS.map((p) => path.join(ROOT, p))
  const outside: string[] = []
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name)
      if (entry.isDirectory()) walk(full)
      else if (/\.tsx?$/.test(entry.name)) {
        for (const [, spec] of fs.readFileSync(full, 'utf8').matchAll(/(?:from|import|require\()\s*['"]([^'"]+)['"]/g)) {
          // Packages come from node_modules (their versions are in package-lock.json, an input).
          if (!spec.startsWith('.') && !spec.startsWith('@contract/') && !spec.startsWith('@/')) continue
          const target = spec.startsWith('@contract/') ? path.join(ROOT, 'types', spec.slice('@contract/'.length)) : spec.startsWith('@/') ? path.join(ROOT, 'src', spec.slice(2)) : path.resolve(d, spec)
          if (!inputs.some((input) => target === input || target.startsWith(`${input}${path.sep}`))) outside.push(`${path.relative(ROOT, full)} imports ${spec}`)
        }
      }
    }
  }
  // The functions, and what they import in turn (the contract imports its own modules).
  for (const input of inputs) if (fs.statSync(input, { throwIfNoEntry: false })?.isDirectory()) walk(input)
  expect(outside).toEqual([])
})
