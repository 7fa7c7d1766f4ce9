import { expect, type Page } from '@playwright/test'
import type { TestUser } from './users.ts'

/** Signs in through the sign-in page, as a person would. */
export async function signIn(page: Page, user: TestUser, path = '/'): Promise<void> {
  await page.goto(path)
  await page.getByLabel('Email').fill(user.username)
  await page.getByLabel('Password').fill(user.password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByRole('button', { name: new RegExp(user.username) })).toBeVisible()
}
