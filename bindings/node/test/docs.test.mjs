// The generated model reference in headless Chromium, served by the emulator at /docs/ and opened from the
// file system (generated/site/): every page loads with nothing going wrong in the browser (console errors,
// failed or >= 400 requests), every link leads to something that answers 200, and the layout is captured for
// a desktop and a phone. Screenshots land in target/artifacts/ (docs-*.png).

import assert from 'node:assert/strict'
import path from 'node:path'
import { after, before, describe, test } from 'node:test'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { launchBrowser, PHONE } from './browser.mjs'
import { startEmulator } from './emulator.mjs'

const SITE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../generated/site')

describe('the model reference in a browser', () => {
  let emulator
  let browser

  before(async () => {
    emulator = await startEmulator()
    browser = await launchBrowser()
  })

  after(async () => {
    await browser?.close()
    await emulator?.stop()
  })

  /** Every link of the open page, resolved by the browser, without its `#fragment`. */
  async function linkTargets(page) {
    const hrefs = await page.$$eval('a[href]', (anchors) => anchors.map((anchor) => anchor.href))
    return [...new Set(hrefs.map((href) => href.split('#')[0]))]
  }

  test('the index and every model page load cleanly from the emulator, and every link answers', async () => {
    const index = `${emulator.baseUrl}/docs/`
    const { page, problems } = await browser.open(index)
    const models = await page.$$eval('table.models a', (anchors) => anchors.map((anchor) => anchor.href))
    assert.ok(models.length > 0, 'the index links the model pages')
    await browser.screenshot(page, 'docs-index.png')
    const pages = [index, ...models]
    for (const url of models) {
      const opened = await browser.open(url)
      assert.deepEqual(opened.problems, [], url)
      assert.ok((await opened.page.title()).length > 0)
      const name = path.basename(new URL(url).pathname, '.html')
      await browser.screenshot(opened.page, `docs-${name}.png`)
      for (const target of await linkTargets(opened.page)) pages.push(target)
    }
    for (const target of [...new Set([...pages, ...(await linkTargets(page))])]) {
      const response = await fetch(target)
      assert.equal(response.status, 200, target)
    }
    assert.deepEqual(problems, [])
  })

  test('the pages read from the file system, and fit a phone', async () => {
    const { page, problems } = await browser.open(pathToFileURL(path.join(SITE, 'index.html')).href, {
      viewport: PHONE,
    })
    await page.click('table.models a')
    await page.waitForLoadState('load')
    assert.match(page.url(), /\.html$/)
    const overflow = await page.evaluate(() => document.body.scrollWidth - window.innerWidth)
    assert.ok(overflow <= 1, `the page is ${overflow}px wider than a phone`)
    await browser.screenshot(page, 'docs-model-phone.png')
    assert.deepEqual(problems, [])
  })
})
