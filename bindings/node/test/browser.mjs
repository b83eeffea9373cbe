// Headless Chromium for tests, driven by playwright-core with the system's Chromium (no browser download):
// opens a page, records everything that went wrong on it (console errors, uncaught exceptions, failed or
// >= 400 requests), and saves screenshots as test artifacts under <repo>/target/artifacts/.
//
// The browser: $CHROMIUM_PATH, else the first of chromium, chromium-browser, google-chrome on PATH
// (`bash scripts/test.sh` installs Debian's `chromium` when none is there).
//
//   const browser = await launchBrowser()
//   const { page, problems } = await browser.open(url, { viewport: PHONE })
//   ... assert.deepEqual(problems, [])
//   await browser.screenshot(page, 'dashboard.png')
//   await browser.close()

import { accessSync, constants, mkdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..')
/** Where tests leave screenshots (git-ignored, like the rest of target/). */
export const ARTIFACTS = path.join(REPO, 'target', 'artifacts')
const CANDIDATES = ['chromium', 'chromium-browser', 'google-chrome']

/** A desktop and a phone-sized viewport. */
export const DESKTOP = { width: 1280, height: 900 }
export const PHONE = { width: 390, height: 844 }

/** The Chromium executable: $CHROMIUM_PATH, else the first candidate on PATH. Throws when there is none. */
export function findChromium() {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH
  for (const directory of (process.env.PATH || '').split(path.delimiter).filter(Boolean)) {
    for (const name of CANDIDATES) {
      const candidate = path.join(directory, name)
      try {
        accessSync(candidate, constants.X_OK)
        return candidate
      } catch {
        // Not here; keep looking.
      }
    }
  }
  throw new Error(
    `no Chromium on PATH (looked for ${CANDIDATES.join(', ')}): install it (Debian: apt-get install -y chromium) ` +
      'or set CHROMIUM_PATH',
  )
}

/** playwright-core, a devDependency (loaded lazily so that a missing install names itself). */
function playwright() {
  const require = createRequire(import.meta.url)
  try {
    return require('playwright-core')
  } catch (error) {
    throw new Error(`playwright-core is not installed: run \`npm install\` in bindings/node (${error.message})`)
  }
}

/**
 * Launches headless Chromium. Resolves to `{ open(url, options), screenshot(page, name), close() }`:
 * `open` resolves to `{ page, problems }` once the page has loaded, `problems` being a live list of strings.
 */
export async function launchBrowser() {
  const browser = await playwright().chromium.launch({
    executablePath: findChromium(),
    headless: true,
  })
  return {
    async open(url, { viewport = DESKTOP } = {}) {
      const context = await browser.newContext({ viewport })
      const page = await context.newPage()
      const problems = watchProblems(page)
      await page.goto(url, { waitUntil: 'load' })
      return { page, problems }
    },
    async screenshot(page, name) {
      mkdirSync(ARTIFACTS, { recursive: true })
      const file = path.join(ARTIFACTS, name)
      await page.screenshot({ path: file, fullPage: true })
      return file
    },
    close: () => browser.close(),
  }
}

/** Records what went wrong on `page`, as readable strings, into the returned array. */
function watchProblems(page) {
  const problems = []
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`)
  })
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`))
  // Which page each request was made from, counted by main-frame navigations: a request the browser aborts
  // because the page was left (a link clicked while the icon still loads) is not a failure. The navigation's
  // own request is always seen before the aborts it causes.
  let navigations = 0
  const madeOn = new WeakMap()
  page.on('request', (request) => {
    if (request.isNavigationRequest() && request.frame() === page.mainFrame()) navigations += 1
    madeOn.set(request, navigations)
  })
  page.on('requestfailed', (request) => {
    if (request.failure()?.errorText === 'net::ERR_ABORTED') {
      // A media request the browser aborts itself (it had enough of a video) is not a failure either.
      const leftPage = !request.isNavigationRequest() && madeOn.get(request) < navigations
      if (request.resourceType() === 'media' || leftPage) return
    }
    problems.push(`request failed: ${request.method()} ${request.url()}: ${request.failure()?.errorText}`)
  })
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`)
  })
  return problems
}
