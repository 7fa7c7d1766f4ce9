import { expect, test, type Page } from '@playwright/test'
import { E2E_TOKEN_LIFETIME_SECONDS } from './support/e2e-stack.ts'
import { signIn } from './support/sign-in.ts'
import { createUser, globalSignOut } from './support/users.ts'

/** The ID token Amplify keeps in localStorage for the signed-in user. */
const idToken = (page: Page) =>
  page.evaluate(() => {
    const key = Object.keys(localStorage).find((name) => name.endsWith('.idToken'))
    return key === undefined ? undefined : localStorage.getItem(key)
  })

const expiryOf = (token: string) =>
  (JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as { exp: number })
    .exp

test('the session refreshes before its tokens expire and the user stays signed in', async ({
  page,
}) => {
  test.setTimeout((E2E_TOKEN_LIFETIME_SECONDS * 3 + 30) * 1000)
  const user = await createUser('viewer')
  await signIn(page, user, '/fleet/groups')
  const first = await idToken(page)
  expect(first).toBeDefined()

  // Nobody touches the page: the app itself refreshes ahead of expiry.
  await expect
    .poll(() => idToken(page), { timeout: E2E_TOKEN_LIFETIME_SECONDS * 2000, intervals: [1000] })
    .not.toBe(first)
  const second = await idToken(page)
  expect(expiryOf(second ?? '')).toBeGreaterThan(expiryOf(first ?? ''))

  // Past the first token's (and its credentials') lifetime, AWS calls still work.
  await page.waitForTimeout(Math.max(0, expiryOf(first ?? '') * 1000 - Date.now() + 2000))
  // Without a reload: the SDK's cached credentials have expired and must be renewed.
  await page.getByRole('link', { name: 'Things', exact: true }).click()
  await expect(page.getByRole('link', { name: 'lamp-0001', exact: true })).toBeVisible()
  await page.getByRole('link', { name: 'Thing groups', exact: true }).click()
  await expect(page.getByRole('heading', { name: 'Thing groups', level: 1 })).toBeVisible()
  await expect(page.getByRole('link', { name: 'model-lamp-v2', exact: true })).toBeVisible()
  await page.reload()
  await expect(page).toHaveURL(/\/fleet\/groups$/)
  await expect(page.getByRole('button', { name: new RegExp(user.username) })).toBeVisible()
  await expect(page.getByRole('link', { name: 'model-lamp-v2', exact: true })).toBeVisible()
  await expect(page.getByText('Your session has expired')).toHaveCount(0)
})

test('a session revoked elsewhere asks to sign in again and keeps the page', async ({ page }) => {
  test.setTimeout((E2E_TOKEN_LIFETIME_SECONDS * 2 + 30) * 1000)
  const user = await createUser('operator')
  await signIn(page, user, '/fleet/groups?name=model')

  // "Sign out everywhere" from another device: Cognito revokes the refresh token.
  const accessToken = await page.evaluate(() => {
    const key = Object.keys(localStorage).find((name) => name.endsWith('.accessToken'))
    return key === undefined ? '' : (localStorage.getItem(key) ?? '')
  })
  await globalSignOut(accessToken)

  const prompt = page.getByRole('dialog', { name: 'Your session has expired' })
  await expect(prompt).toBeVisible({ timeout: E2E_TOKEN_LIFETIME_SECONDS * 1500 })
  await prompt.getByLabel('Password').fill(user.password)
  await prompt.getByRole('button', { name: 'Sign in' }).click()
  await expect(prompt).toBeHidden()
  await expect(page).toHaveURL(/\/fleet\/groups\?name=model$/)
  await expect(page.getByRole('button', { name: `${user.username} · Operator` })).toBeVisible()
})
