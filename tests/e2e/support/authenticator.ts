import type { Page } from 'playwright-core'

// Sign-up and sign-in through the @aws-amplify/ui-vue Authenticator on /signin, as a person would: its
// own forms, field names and buttons.

export async function signUpThroughAuthenticator(
  page: Page,
  email: string,
  password: string,
  confirmationCode: string,
  displayName: string,
): Promise<void> {
  const authenticator = page.getByTestId('authenticator')
  await authenticator.getByRole('tab', { name: 'Create Account' }).click()
  const form = authenticator.locator('form:has(input[name="confirm_password"])')
  await form.getByLabel('Display name').fill(displayName)
  await form.locator('input[name="email"]').fill(email)
  await form.locator('input[name="password"]').fill(password)
  await form.locator('input[name="confirm_password"]').fill(password)
  await form.getByRole('button', { name: 'Create Account', exact: true }).click()
  const confirm = authenticator.locator('form:has(input[name="confirmation_code"])')
  await confirm.locator('input[name="confirmation_code"]').fill(confirmationCode)
  await confirm.getByRole('button', { name: 'Confirm', exact: true }).click()
}

export async function signInThroughAuthenticator(page: Page, email: string, password: string): Promise<void> {
  const form = page.getByTestId('authenticator').locator('form[data-amplify-authenticator-signin]')
  await form.locator('input[name="username"]').fill(email)
  await form.locator('input[name="password"]').fill(password)
  await form.getByRole('button', { name: 'Sign in', exact: true }).click()
}

/** Waits for the app bar to show `name` as the signed-in user. */
export async function waitUntilSignedIn(page: Page, name: string): Promise<void> {
  await page.getByTestId('signed-in-user').filter({ hasText: name }).waitFor()
}
