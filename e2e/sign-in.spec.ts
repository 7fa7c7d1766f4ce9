import { expect, test } from '@playwright/test'
import { capture } from './support/capture.ts'
import { signIn } from './support/sign-in.ts'
import { createUser, newPassword } from './support/users.ts'

test('a wrong password gets a clear error and no session', async ({ page }, testInfo) => {
  const user = await createUser('operator')
  await page.goto('/')
  await expect(page).toHaveURL(/\/sign-in\?next=%2F$/)
  await page.getByLabel('Email').fill(user.username)
  await page.getByLabel('Password').fill(`${user.password}-wrong`)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByText('Incorrect email or password.', { exact: true })).toBeVisible()
  await capture(page, testInfo, 'sign-in-wrong-password')
  await expect(page).toHaveURL(/\/sign-in/)
})

test('an unknown user gets the same error as a wrong password', async ({ page }) => {
  await page.goto('/sign-in')
  await page.getByLabel('Email').fill('nobody-at-all@example.com')
  await page.getByLabel('Password').fill('Whatever-1234!')
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByText('Incorrect email or password.', { exact: true })).toBeVisible()
})

test('a first sign-in sets a new password, then the deep link opens', async ({ page }) => {
  const user = await createUser('viewer', { temporary: true })
  await page.goto('/fleet/groups')
  await page.getByLabel('Email').fill(user.username)
  await page.getByLabel('Password').fill(user.password)
  await page.getByRole('button', { name: 'Sign in' }).click()

  await expect(page.getByText('Choose a new password to finish your first sign-in.')).toBeVisible()
  const chosen = newPassword()
  await page.getByLabel('New password', { exact: true }).fill(chosen)
  await page.getByLabel('Confirm new password').fill(`${chosen}x`)
  await page.getByRole('button', { name: 'Set password and sign in' }).click()
  await expect(page.getByText('The two passwords differ.')).toBeVisible()

  await page.getByLabel('Confirm new password').fill(chosen)
  await page.getByRole('button', { name: 'Set password and sign in' }).click()
  await expect(page).toHaveURL(/\/fleet\/groups$/)
  await expect(page.getByRole('button', { name: `${user.username} · Viewer` })).toBeVisible()
})

test('signing out ends the session and protects the pages again', async ({ page }) => {
  const user = await createUser('operator')
  await signIn(page, user)
  await expect(page.getByRole('button', { name: `${user.username} · Operator` })).toBeVisible()

  await page.getByRole('button', { name: `${user.username} · Operator` }).click()
  await page.getByRole('menuitem', { name: 'Sign out' }).click()
  await expect(page).toHaveURL(/\/sign-in/)

  await page.goto('/firmware')
  await expect(page).toHaveURL(/\/sign-in\?next=%2Ffirmware$/)
})

test('a user in no Fleetdeck group is told so', async ({ page }) => {
  const user = await createUser(undefined)
  await page.goto('/sign-in')
  await page.getByLabel('Email').fill(user.username)
  await page.getByLabel('Password').fill(user.password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByText('No Fleetdeck role')).toBeVisible()
})

test('a broken config.json stops the app with a list of what is wrong', async ({ page }) => {
  // Only the settings file is replaced; nothing AWS answers is faked.
  await page.route('**/config.json', (route) =>
    route.fulfill({ json: { region: 'us-east-1', userPoolId: 'nope', firmwareBucket: 'x' } }),
  )
  await page.goto('/')
  await expect(page.getByRole('heading', { name: 'Fleetdeck cannot start' })).toBeVisible()
  await expect(page.getByText('userPoolId must be a user pool id')).toBeVisible()
  await expect(page.getByText('userPoolClientId is missing')).toBeVisible()
  await expect(page.getByText('firmwareBucket must be an S3 bucket name')).toBeVisible()
})
