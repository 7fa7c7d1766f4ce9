import { expect, test, type Page } from '@playwright/test'
import { capture } from './support/capture.ts'
import {
  createJobFor,
  createOfflineThings,
  finishAsDevice,
  startAsDevice,
} from './support/offline-devices.ts'
import { signIn } from './support/sign-in.ts'
import { createUser, globalSignOut, type TestUser } from './support/users.ts'
import { ONLINE_DEVICES, startWallStack, type WallStack } from './support/wall-stack.ts'

/**
 * Issue 11: the wall display. The first two tests use the shared e2e stack
 * (the demo fleet of 200 simulated devices, 30-second tokens); the last two
 * need a local cloud they may stop and whose tokens live 8 seconds, and
 * start their own (support/wall-stack.ts). Jobs run on things no simulator
 * plays: the tests act as their devices, so every count is known.
 */
test.use({ viewport: { width: 1920, height: 1080 } })

const liveIndicator = (page: Page) => page.getByTestId('live-indicator')
/** A job as the wall draws it: featured, or a row of the list (both carry its counters). */
const rolloutOf = (page: Page, jobId: string) =>
  page
    .locator(
      `[data-testid="wall-featured-job"][data-job-id="${jobId}"], [data-testid="wall-rollout"][data-job-id="${jobId}"]`,
    )
    .first()
const panelFreshness = (page: Page, panel: 'wall-fleet' | 'wall-rollouts') =>
  page.getByTestId(panel).getByTestId('freshness')
/** When a panel's data last changed on the screen (epoch ms, the browser's clock). */
const updatedAt = async (page: Page, panel: 'wall-fleet' | 'wall-rollouts') =>
  Number(await panelFreshness(page, panel).getAttribute('data-updated-at'))
const featuredJobId = (page: Page) =>
  page.getByTestId('wall-featured-job').getAttribute('data-job-id', { timeout: 1_000 })

interface WallLog {
  __notLive: { count: number; ms: number }
}

/**
 * In the page: how often, and how long in all, the live indicator showed
 * something other than "live" once it had been live (a socket replaced too
 * late, a reconnection), sampled every 250 ms, for the report.
 */
function recordNotLive() {
  const log = { count: 0, ms: 0 }
  Object.assign(window, { __notLive: log })
  let everLive = false
  let previous: string | undefined
  setInterval(() => {
    const state =
      document.querySelector('[data-testid="live-indicator"]')?.getAttribute('data-state') ??
      undefined
    if (state === 'live') everLive = true
    else if (everLive && state !== undefined) {
      log.ms += 250
      if (previous === 'live') log.count += 1
    }
    previous = state
  }, 250)
}

/** The wall is reached signed in, as a kiosk browser would be after its first sign-in. */
async function openWall(page: Page, user: TestUser, path = '/wall') {
  await signIn(page, user, '/')
  await page.goto(path)
  await expect(page.getByRole('main', { name: 'Wall display' })).toBeVisible()
}

test.describe('on the shared stack', () => {
  test('a viewer sees fleet totals, rotating rollouts, alerts and failures as text, dark and full screen', async ({
    page,
  }, testInfo) => {
    test.setTimeout(120_000)
    // A rollout that goes badly (2 of the first 6 fail; the 7th device keeps
    // it in progress) and a quiet one beside it.
    const bad = await createOfflineThings('e2e-wall-bad', 7)
    const badJob = await createJobFor(bad, 'e2e-wall-bad')
    const quiet = await createOfflineThings('e2e-wall-quiet', 2)
    const quietJob = await createJobFor(quiet, 'e2e-wall-quiet')
    const viewer = await createUser('viewer')
    // From the app's navigation the wall takes the whole screen, dark; back,
    // the app has the user's own (light) mode again.
    await signIn(page, viewer, '/')
    const darkMode = () => page.evaluate(() => document.body.classList.contains('awsui-dark-mode'))
    expect(await darkMode()).toBe(false)
    await page.getByRole('link', { name: 'Wall display' }).click()
    await expect(page.getByRole('main', { name: 'Wall display' })).toBeVisible()
    await expect(page.getByRole('navigation')).toHaveCount(0)
    expect(await darkMode()).toBe(true)
    await page.goBack()
    await expect(page.getByRole('link', { name: 'Wall display' })).toBeVisible()
    expect(await darkMode()).toBe(false)

    await page.goto('/wall?rotate=5')
    await expect(liveIndicator(page)).toHaveAttribute('data-state', 'live', { timeout: 30_000 })

    // Fleet totals from the fleet index: the demo fleet's 200 devices and three models.
    const fleet = page.getByTestId('wall-fleet')
    await expect
      .poll(async () => Number(await fleet.getAttribute('data-devices')), { timeout: 30_000 })
      .toBeGreaterThanOrEqual(200)
    expect(Number(await fleet.getAttribute('data-online'))).toBeGreaterThan(0)
    for (const model of ['lamp-v2', 'lock-v3', 'thermostat-v1'])
      await expect(fleet.locator(`[data-testid="wall-model"][data-model="${model}"]`)).toBeVisible()

    // Both rollouts are on the wall, from their counters.
    await expect(rolloutOf(page, badJob)).toHaveAttribute('data-total', '7', { timeout: 30_000 })
    await expect(rolloutOf(page, quietJob)).toHaveAttribute('data-total', '2')

    // Devices report; the counters move with the pushed events, well before
    // the next DescribeJob (every 30 s while live).
    const markup = '<img src=x onerror="window.__injected=1"><b>boot loop</b>'
    for (const [index, thingName] of bad.slice(0, 6).entries()) {
      await startAsDevice(thingName)
      await finishAsDevice(
        thingName,
        badJob,
        index < 2 ? 'FAILED' : 'SUCCEEDED',
        index < 2 ? { reason: index === 0 ? markup : 'checksum-mismatch' } : { step: 'done' },
      )
    }
    await expect(rolloutOf(page, badJob)).toHaveAttribute('data-succeeded', '4', {
      timeout: 10_000,
    })
    await expect(rolloutOf(page, badJob)).toHaveAttribute('data-failed', '2')

    // The failure rate is above the default 10 %: an open alert.
    const alerts = page.getByTestId('wall-alert').filter({ hasText: badJob })
    await expect(alerts).toContainText('Failure rate 33 % (2 of 6) is above 10 %')

    // What the device said is shown as text, never as markup.
    const failure = page.getByTestId('wall-failure').filter({ hasText: bad[0] ?? '' })
    await expect(failure).toContainText(markup)
    await expect(page.locator('main img[src="x"], main b')).toHaveCount(0)
    expect(await page.evaluate(() => '__injected' in window)).toBe(false)

    // The featured rollout turns every 5 s (?rotate=5).
    const first = await featuredJobId(page)
    await expect.poll(() => featuredJobId(page), { timeout: 15_000 }).not.toBe(first)

    // Dark, and one screen: nothing to scroll on a 1920x1080 display.
    expect(await darkMode()).toBe(true)
    const size = await page.evaluate(() => ({
      width: document.documentElement.scrollWidth,
      height: document.documentElement.scrollHeight,
    }))
    expect(size).toEqual({ width: 1920, height: 1080 })
    await expect(panelFreshness(page, 'wall-fleet')).toHaveAttribute('data-state', 'fresh')
    await expect(panelFreshness(page, 'wall-rollouts')).toHaveAttribute('data-state', 'fresh')
    await capture(page, testInfo, 'wall-1920x1080')
  })

  test('network loss: the wall says it is polling and stale, then is live again with fresh data', async ({
    page,
    context,
  }) => {
    test.setTimeout(150_000)
    const things = await createOfflineThings('e2e-wall-offline', 2)
    const jobId = await createJobFor(things, 'e2e-wall-offline')
    const viewer = await createUser('viewer')
    await openWall(page, viewer)
    await expect(liveIndicator(page)).toHaveAttribute('data-state', 'live', { timeout: 30_000 })
    await expect(rolloutOf(page, jobId)).toHaveAttribute('data-queued', '2', { timeout: 30_000 })
    await expect(rolloutOf(page, jobId)).toHaveAttribute('data-succeeded', '0')

    await context.setOffline(true)
    // The browser says it is offline: the socket is given up at once.
    await expect(liveIndicator(page)).toHaveAttribute('data-state', 'polling', { timeout: 5_000 })
    // A device finishes meanwhile; the wall cannot know.
    const [thing = ''] = things
    await startAsDevice(thing)
    await finishAsDevice(thing, jobId, 'SUCCEEDED', { step: 'done' })
    // Its numbers are not refreshed any more, and it says so.
    await expect(panelFreshness(page, 'wall-rollouts')).toHaveAttribute('data-state', 'stale', {
      timeout: 60_000,
    })
    await expect(panelFreshness(page, 'wall-rollouts')).toContainText('not refreshing')
    await expect(rolloutOf(page, jobId)).toHaveAttribute('data-succeeded', '0')

    const backOnlineAt = Date.now()
    await context.setOffline(false)
    await expect(liveIndicator(page)).toHaveAttribute('data-state', 'live', { timeout: 30_000 })
    // What happened while offline came with no event: the counters are read again.
    await expect(rolloutOf(page, jobId)).toHaveAttribute('data-succeeded', '1', {
      timeout: 15_000,
    })
    await expect(panelFreshness(page, 'wall-rollouts')).toHaveAttribute('data-state', 'fresh')
    // Every panel was read again once the wall was back, not at its next turn.
    await expect.poll(() => updatedAt(page, 'wall-fleet')).toBeGreaterThan(backOnlineAt)
    await expect(panelFreshness(page, 'wall-fleet')).toHaveAttribute('data-state', 'fresh')
  })
})

/**
 * The tests below run one after the other on one local cloud of their own:
 * 8-second tokens and credentials, and an emulated clock 720 times real
 * time (24 emulated hours every 2 real minutes).
 */
test.describe('on a local cloud of its own', () => {
  test.describe.configure({ mode: 'default' })
  const TOKEN_LIFETIME_SECONDS = 8
  const CLOCK_SPEED = 720
  let stack: WallStack

  test.beforeAll(async () => {
    test.setTimeout(90_000)
    stack = await startWallStack({
      tokenLifetimeSeconds: TOKEN_LIFETIME_SECONDS,
      clockSpeed: CLOCK_SPEED,
    })
  })

  test.afterAll(async () => {
    await stack.stop()
  })

  test('a restart of the local cloud: polling and stale while it is down, live with fresh data after', async ({
    page,
  }) => {
    test.setTimeout(150_000)
    const { jobId, things } = await stack.createJob('e2e-wall-restart', 3)
    const viewer = await stack.createViewer()
    await stack.useFor(page)
    await openWall(page, viewer)
    await expect(liveIndicator(page)).toHaveAttribute('data-state', 'live', { timeout: 30_000 })
    const fleet = page.getByTestId('wall-fleet')
    await expect(fleet).toHaveAttribute('data-devices', String(await stack.deviceCount()), {
      timeout: 30_000,
    })
    await expect(fleet).toHaveAttribute('data-online', String(ONLINE_DEVICES))
    await expect(rolloutOf(page, jobId)).toHaveAttribute('data-queued', '3', { timeout: 30_000 })

    const [first = '', second = ''] = things
    await stack.finishAsDevice(first, jobId, 'SUCCEEDED', { step: 'done' })
    await expect(rolloutOf(page, jobId)).toHaveAttribute('data-succeeded', '1', {
      timeout: 10_000,
    })

    await stack.kill()
    await expect(liveIndicator(page)).toHaveAttribute('data-state', 'polling', {
      timeout: 15_000,
    })
    await expect(panelFreshness(page, 'wall-rollouts')).toHaveAttribute('data-state', 'stale', {
      timeout: 60_000,
    })
    await expect(page.getByTestId('session-expired-notice')).toHaveCount(0)

    await stack.start()
    const restartedAt = Date.now()
    // A device reports at once, most likely before the wall has reconnected
    // (its retries back off): the wall must show it either way.
    await stack.finishAsDevice(second, jobId, 'FAILED', { reason: 'download-failed' })
    await expect(liveIndicator(page)).toHaveAttribute('data-state', 'live', { timeout: 45_000 })
    await expect(rolloutOf(page, jobId)).toHaveAttribute('data-failed', '1', { timeout: 20_000 })
    await expect(rolloutOf(page, jobId)).toHaveAttribute('data-succeeded', '1')
    await expect(panelFreshness(page, 'wall-rollouts')).toHaveAttribute('data-state', 'fresh')
    // The fleet's totals were read from the restarted cloud: its devices are back online.
    await expect.poll(() => updatedAt(page, 'wall-fleet')).toBeGreaterThan(restartedAt)
    await expect(fleet).toHaveAttribute('data-online', String(ONLINE_DEVICES), {
      timeout: 70_000,
    })
    await expect(panelFreshness(page, 'wall-fleet')).toHaveAttribute('data-state', 'fresh')
    await expect(page.getByTestId('session-expired-notice')).toHaveCount(0)
  })

  /**
   * What is real and what is compressed: AWS's ID tokens and identity-pool
   * credentials live an hour, so a day is 24 refreshes of each, 24
   * replacements of the MQTT socket (AWS closes it when its credentials
   * expire) and a day of the fleet's own time. Here tokens and credentials
   * live 8 s (the local cloud's FLEETDECK_TOKEN_LIFETIME_SECONDS), so the
   * browser goes through the same 24 refreshes and socket replacements for
   * real, over the wire, in under 3 minutes; the local cloud's emulated
   * clock runs 720 times fast, so its job timestamps cover a day meanwhile.
   * The browser's own clock is not sped up: SigV4 and Cognito compare it
   * with real time (a 15-minute skew is refused, on AWS too), so
   * Playwright's page.clock cannot compress a day without testing a broken
   * setup instead. A refresh token that dies is the other half: revoked
   * here, it ends in a full-screen notice, and signing in again resumes.
   */
  test('token expiry: live after the refreshes and socket renewals of 24 hours, and a clear notice when the session dies', async ({
    page,
  }, testInfo) => {
    test.setTimeout(270_000)
    if (!stack.isRunning()) await stack.start()
    const DAY_OF_REFRESHES = 24
    const { jobId, things } = await stack.createJob('e2e-wall-day', 2)
    const viewer = await stack.createViewer()
    await stack.useFor(page)
    let refreshes = 0
    let sockets = 0
    page.on('request', (request) => {
      if (
        request.url().startsWith(stack.endpoint) &&
        request.headers()['x-amz-target']?.endsWith('.GetTokensFromRefreshToken')
      )
        refreshes += 1
    })
    page.on('websocket', (socket) => {
      if (socket.url().startsWith(`${stack.endpoint.replace('http', 'ws')}/mqtt`)) sockets += 1
    })
    await page.addInitScript(recordNotLive)
    await openWall(page, viewer)
    await expect(liveIndicator(page)).toHaveAttribute('data-state', 'live', { timeout: 30_000 })
    await expect(rolloutOf(page, jobId)).toHaveAttribute('data-queued', '2', { timeout: 30_000 })

    // Nobody touches the page while a day's worth of refreshes go by.
    const notice = page.getByTestId('session-expired-notice')
    let noticeShown = false
    await expect
      .poll(
        async () => {
          if ((await notice.count()) > 0) noticeShown = true
          return noticeShown ? -1 : Math.min(refreshes, sockets)
        },
        {
          timeout: 220_000,
          intervals: [5_000],
          message:
            'token refreshes and MQTT sockets, the fewer of the two (-1: the session expired)',
        },
      )
      .toBeGreaterThanOrEqual(DAY_OF_REFRESHES)
    const notLive = await page.evaluate(() => (window as unknown as WallLog).__notLive)
    const summary = `${String(refreshes)} token refreshes, ${String(sockets)} MQTT sockets; the indicator left "live" ${String(notLive.count)} times, ${String(Math.round(notLive.ms / 1000))} s in all`
    testInfo.annotations.push({ type: 'day of tokens', description: summary })
    console.log(`Day of tokens: ${summary}`)

    // Still live: a device's report is pushed to the wall within seconds.
    await expect(liveIndicator(page)).toHaveAttribute('data-state', 'live', { timeout: 20_000 })
    const [thing = ''] = things
    await stack.finishAsDevice(thing, jobId, 'SUCCEEDED', { step: 'done' })
    await expect(rolloutOf(page, jobId)).toHaveAttribute('data-succeeded', '1', {
      timeout: 10_000,
    })
    await expect(panelFreshness(page, 'wall-rollouts')).toHaveAttribute('data-state', 'fresh')
    await expect(panelFreshness(page, 'wall-fleet')).toHaveAttribute('data-state', 'fresh')
    // The local cloud's clock went through more than a day meanwhile.
    const job = await stack.describeJob(jobId)
    const reportedAt = await stack.executionUpdatedAt(jobId, thing)
    const emulatedMs = (reportedAt?.getTime() ?? 0) - (job?.createdAt?.getTime() ?? 0)
    expect(emulatedMs).toBeGreaterThan(24 * 60 * 60_000)

    // The refresh token revoked ("sign out everywhere"): the whole screen
    // says the wall stopped, rather than freezing on numbers that look current.
    const accessToken = await page.evaluate(() => {
      const key = Object.keys(localStorage).find((name) => name.endsWith('.accessToken'))
      return key === undefined ? '' : (localStorage.getItem(key) ?? '')
    })
    await globalSignOut(accessToken, stack.endpoint)
    await expect(notice).toBeVisible({ timeout: 30_000 })
    await expect(notice).toContainText('Session expired')
    await notice.getByLabel('Password').fill(viewer.password)
    await notice.getByRole('button', { name: 'Sign in' }).click()
    await expect(notice).toBeHidden({ timeout: 20_000 })
    await expect(liveIndicator(page)).toHaveAttribute('data-state', 'live', { timeout: 30_000 })
    await expect(rolloutOf(page, jobId)).toHaveAttribute('data-succeeded', '1')
  })
})
