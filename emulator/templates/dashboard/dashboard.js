// The emulator dashboard: polls the state JSON (GET /dashboard/state) and fills the page's <template> rows.
// Values go in with textContent only, never as HTML. Rows are keyed (operation, video URL, ledger seq, fault
// request number) and updated in place, so a playing video is never rebuilt by a refresh.
'use strict'

const STATE_URL = document.body.dataset.stateUrl
const POLL_MILLISECONDS = Number(document.body.dataset.pollMilliseconds) || 1000
/** Polls are this many times rarer while the tab is hidden. */
const HIDDEN_SLOWDOWN = 5
/** Succeeded jobs whose videos are shown (one <video> per output). */
const VIDEO_JOBS_SHOWN = 12

/** Sets `element`'s text when it changed (so an unchanged page is not re-laid out). */
function setText(element, text) {
  if (element && element.textContent !== text) element.textContent = text
}

/** Fills each `[data-slot]` of `root` named in `values`. */
function fillSlots(root, values) {
  for (const [slot, text] of Object.entries(values)) setText(root.querySelector(`[data-slot="${slot}"]`), text)
}

/**
 * Makes `container`'s children one element per item, in order, built from the `<template id=templateId>` and
 * kept by `keyOf(item)` from one refresh to the next; `update(element, item)` fills it.
 */
function renderRows(container, templateId, items, keyOf, update) {
  const template = document.getElementById(templateId)
  const existing = new Map([...container.children].map((element) => [element.dataset.key, element]))
  let position = container.firstElementChild
  for (const item of items) {
    const key = String(keyOf(item))
    let element = existing.get(key)
    existing.delete(key)
    if (!element) {
      element = template.content.firstElementChild.cloneNode(true)
      element.dataset.key = key
    }
    update(element, item)
    if (element !== position) container.insertBefore(element, position)
    else position = position.nextElementSibling
  }
  for (const stale of existing.values()) stale.remove()
  const empty = document.querySelector(`[data-empty-for="${container.id}"]`)
  if (empty) empty.hidden = container.childElementCount > 0
}

/** `4.2 s`, `3 min 4 s`, `2 h 5 min`. */
function formatAge(seconds) {
  if (seconds < 60) return `${seconds.toFixed(1)} s`
  const whole = Math.floor(seconds)
  if (whole < 3600) return `${Math.floor(whole / 60)} min ${whole % 60} s`
  return `${Math.floor(whole / 3600)} h ${Math.floor((whole % 3600) / 60)} min`
}

/** `1 hold`, `2 holds`. */
function plural(count, noun) {
  return `${count} ${noun}${count === 1 ? '' : 's'}`
}

function renderJobs(state) {
  setText(document.querySelector('[data-field="jobs-count"]'), `${state.jobs.length} of ${state.jobs_remembered}`)
  renderRows(document.getElementById('job-rows'), 'job-row', state.jobs, (job) => job.operation, (row, job) => {
    fillSlots(row, {
      operation: job.operation,
      status: job.status,
      model: job.model,
      account: job.account ?? '—',
      failovers: String(job.route_failures.length),
      age: formatAge(job.age_seconds),
    })
    row.querySelector('[data-slot="status"]').dataset.status = job.status
    const failovers = job.route_failures.map((failure) => `${failure.account}: ${failure.reason}`)
    row.querySelector('[data-slot="failovers"]').title = failovers.join('\n')
    row.title = job.error ?? ''
  })
}

function renderVideos(state) {
  const outputs = state.jobs
    .filter((job) => job.status === 'succeeded' && job.data.length > 0)
    .slice(0, VIDEO_JOBS_SHOWN)
    .flatMap((job) => job.data.map((output, index) => ({ job, index, url: output.url })))
  renderRows(document.getElementById('video-cards'), 'video-card', outputs, (output) => output.url, (card, output) => {
    const video = card.querySelector('video')
    // Set once: assigning src again would reload the video.
    if (!video.getAttribute('src')) video.src = output.url
    video.dataset.operation = output.job.operation
    // The muted loop is a preview; the caption opens the file itself (full size, downloadable).
    card.querySelector('a').href = output.url
    fillSlots(card, { caption: `${output.job.operation} #${output.index} · ${output.job.model}` })
  })
}

function renderLedger(state) {
  const { totals, records, creates, idempotent_replays: replays } = state.ledger
  setText(
    document.querySelector('[data-field="ledger-summary"]'),
    `${plural(totals.holds, 'hold')} · ${plural(totals.charges, 'charge')} · ${plural(totals.releases, 'release')} · ` +
      `${plural(creates, 'create')} · ${plural(replays, 'idempotent replay')}`,
  )
  const currencies = Object.entries(totals.amounts).map(([currency, amounts]) => ({ currency, ...amounts }))
  renderRows(document.getElementById('total-rows'), 'total-row', currencies, (row) => row.currency, (row, amounts) => {
    fillSlots(row, {
      currency: amounts.currency,
      held: amounts.held,
      charged: amounts.charged,
      released: amounts.released,
    })
  })
  renderRows(document.getElementById('record-rows'), 'record-row', records, (record) => record.seq, (row, record) => {
    fillSlots(row, {
      seq: String(record.seq),
      kind: record.kind,
      operation: record.operation,
      model: record.model,
      account: record.account ?? '—',
      amount: record.currency ? `${record.amount} ${record.currency}` : record.amount,
    })
    row.querySelector('[data-slot="kind"]').dataset.kind = record.kind
    row.title = record.note ?? ''
  })
}

function renderFaults(state) {
  const { job_requests: requests, counts, recent } = state.faults
  const injected = Object.values(counts).reduce((sum, count) => sum + count, 0)
  const byKind = Object.entries(counts).map(([fault, count]) => `${fault} ${count}`)
  setText(
    document.querySelector('[data-field="fault-summary"]'),
    `${injected} of ${plural(requests, 'job request')} faulted${byKind.length ? `: ${byKind.join(', ')}` : ''}`,
  )
  renderRows(document.getElementById('fault-rows'), 'fault-row', recent, (fault) => fault.request, (row, fault) => {
    fillSlots(row, {
      request: String(fault.request),
      fault: fault.fault,
      route: `${fault.method} ${fault.path}`,
      age: formatAge(fault.age_seconds),
    })
  })
}

/** The settings that can change while the emulator runs (its faults). */
function renderSettings(state) {
  for (const [label, value] of state.settings) {
    for (const cell of document.querySelectorAll('[data-setting]')) {
      if (cell.dataset.setting === label) setText(cell, value)
    }
  }
}

function setConnection(live, text) {
  const connection = document.getElementById('connection')
  connection.dataset.live = String(live)
  setText(connection, text)
}

async function poll() {
  try {
    const response = await fetch(STATE_URL, { cache: 'no-store', credentials: 'same-origin' })
    if (!response.ok) {
      const body = await response.json().catch(() => null)
      throw new Error(body?.error?.message ?? `HTTP ${response.status}`)
    }
    const state = await response.json()
    renderJobs(state)
    renderVideos(state)
    renderLedger(state)
    renderFaults(state)
    renderSettings(state)
    setConnection(true, `live · updated ${new Date().toLocaleTimeString()}`)
  } catch (error) {
    setConnection(false, `cannot read the emulator's state (${error.message}); retrying`)
  }
  setTimeout(poll, document.hidden ? POLL_MILLISECONDS * HIDDEN_SLOWDOWN : POLL_MILLISECONDS)
}

poll()
