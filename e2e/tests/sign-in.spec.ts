import { expect, test } from '../support/fixtures';
import { artifactPath } from '../support/paths';
import { adminEmail, readAdminPassword, submitSignIn } from '../support/sign-in';

const studyPath = '/studies/U3R1ZHk6MQ';

test('a signed-out visit goes to sign-in; a wrong password says so; signing in returns to the page', async ({
  page,
}) => {
  await page.goto(studyPath);
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fstudies%2FU3R1ZHk6MQ$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await expect(page.getByTestId('account-menu')).toHaveCount(0);

  // Keyboard only: the email field has the focus, Tab reaches the password, Enter submits.
  await expect(page.getByLabel('Email')).toBeFocused();
  await page.keyboard.type(adminEmail);
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Password')).toBeFocused();
  await page.keyboard.type('not the password');
  await page.keyboard.press('Enter');

  const error = page.getByRole('alert').filter({ hasText: 'wrong' });
  await expect(error).toBeVisible();
  await expect(error).toHaveAttribute('data-error-code', 'UNAUTHENTICATED');
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fstudies%2FU3R1ZHk6MQ$/);
  await expect(page.getByLabel('Email')).toHaveValue(adminEmail);
  await expect(page.getByLabel('Password')).toBeFocused();
  await expect(page.getByLabel('Password')).toHaveAttribute('aria-invalid', 'true');
  await page.screenshot({ path: artifactPath('sign-in-error.png') });
  const cookies = await page.context().cookies();
  expect(cookies.map((cookie) => cookie.name)).not.toContain('loupe_session');

  await page.keyboard.type(readAdminPassword());
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`${studyPath}$`));
  await expect(page.getByTestId('signed-in-user')).toHaveText('Administrator');
  // No such study: the page says so (it is not sent back to sign in).
  await expect(page.getByTestId('not-found').or(page.getByTestId('error-panel'))).toBeVisible();
  await page.screenshot({ path: artifactPath('signed-in.png') });
});

test('signing out ends the session, and a revoked session cookie leads back to sign-in', async ({ page }) => {
  await page.goto('/');
  await submitSignIn(page, adminEmail, readAdminPassword());
  await expect(page.getByRole('heading', { level: 1, name: 'Datasets' })).toBeVisible();
  const session = (await page.context().cookies()).find((cookie) => cookie.name === 'loupe_session');
  expect(session?.httpOnly).toBe(true);

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  expect((await page.context().cookies()).map((cookie) => cookie.name)).not.toContain('loupe_session');
  await page.goto('/');
  await expect(page).toHaveURL(/\/sign-in\?next=%2F$/);

  // The old cookie again: the API revoked its session, so the page sends the browser to sign in.
  await page.context().addCookies([session!]);
  await page.goto('/?from=bookmark');
  await expect(page).toHaveURL(/\/sign-in\?next=%2F%3Ffrom%3Dbookmark$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await expect(page.getByTestId('error-panel')).toHaveCount(0);
  // A page that also reads the API for its title (the study page) does the same.
  await page.goto(studyPath);
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fstudies%2FU3R1ZHk6MQ$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
});
