// Starts `omixa serve` (the local emulator) for a test, on a free port, and stops it after.
// The binary: $OMIXA_BIN, else <repo>/target/debug/omixa (`cargo build -p omixa-cli`).

import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..')
export const BINARY = process.env.OMIXA_BIN || path.join(REPO, 'target', 'debug', process.platform === 'win32' ? 'omixa.exe' : 'omixa')
export const API_KEY = 'omixa-node-test-key'

/** A port nothing listens on right now. */
async function freePort() {
  const server = net.createServer()
  await new Promise((resolve, reject) => server.listen(0, '127.0.0.1', resolve).on('error', reject))
  const { port } = server.address()
  await new Promise((resolve) => server.close(resolve))
  return port
}

/** Resolves once something accepts connections on the port. */
async function accepting(port, child, deadline) {
  for (;;) {
    if (child.exitCode !== null) throw new Error(`omixa serve exited with code ${child.exitCode}`)
    const open = await new Promise((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => socket.end(() => resolve(true)))
      socket.on('error', () => resolve(false))
    })
    if (open) return
    if (Date.now() > deadline) throw new Error(`omixa serve did not accept connections on port ${port}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

/**
 * Starts an emulator with extra flags (e.g. `['--job-failure-rate', '1']`; jobs take no time unless
 * `--job-seconds` is given); `stop()` kills it.
 * Resolves to `{ baseUrl, apiKey, stop }`.
 */
export async function startEmulator(flags = []) {
  if (!existsSync(BINARY)) {
    throw new Error(`no emulator binary at ${BINARY}: run \`cargo build -p omixa-cli\` or set OMIXA_BIN`)
  }
  const port = await freePort()
  // Jobs finish at once unless the test says otherwise.
  const jobSeconds = flags.includes('--job-seconds') ? [] : ['--job-seconds', '0']
  const args = ['serve', '--port', String(port), '--key', API_KEY, ...jobSeconds, ...flags]
  const child = spawn(BINARY, args, { stdio: ['ignore', 'ignore', 'inherit'] })
  try {
    await accepting(port, child, Date.now() + 15_000)
  } catch (error) {
    child.kill()
    throw error
  }
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    apiKey: API_KEY,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve()
        child.once('exit', resolve)
        child.kill()
      }),
  }
}
