import type { Locator, Page } from '@playwright/test';
import { adminCredentials, createUser, graphql, graphqlData, signInCookie } from '../support/api';
import { expect, test } from '../support/fixtures';
import { artifactPath } from '../support/paths';
import { adminEmail, signInAsAdmin, submitSignIn } from '../support/sign-in';

const ME = '{ me { role } }';

function userRow(page: Page, email: string): Locator {
  return page.locator(`[data-testid="user-row"][data-email="${email}"]`);
}

/** The form's submit button is enabled once the page has hydrated: what is typed before may be lost. */
async function whenReady(form: Locator, button: string): Promise<Locator> {
  const submit = form.getByRole('button', { name: button, exact: true });
  await expect(submit).toBeEnabled();
  return submit;
}

/** Whether the first administrator is the only enabled one (then the API refuses to disable them). */
async function isOnlyEnabledAdmin(): Promise<boolean> {
  const { users } = await graphqlData<{
    users: { edges: { node: { role: string; isDisabled: boolean } }[] };
  }>('{ users(first: 500) { edges { node { role isDisabled } } } }', {}, await adminCredentials());
  return users.edges.filter(({ node }) => node.role === 'ADMIN' && !node.isDisabled).length === 1;
}

test('an admin adds a user who manages their own tokens and password, and disabling them keeps them out', async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const email = `ada-${Date.now().toString(36)}@example.org`;
  const name = 'Ada Lovelace';

  // The admin opens Users from the header.
  await signInAsAdmin(page);
  const usersLink = page.getByTestId('account-menu').getByRole('link', { name: 'Users' });
  await expect(page.getByTestId('account-menu').getByRole('link', { name: 'Account' })).toBeVisible();
  await usersLink.click();
  await expect(page).toHaveURL(/\/users$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Users' })).toBeVisible();
  await expect(usersLink).toHaveAttribute('aria-current', 'page');
  await expect(userRow(page, adminEmail)).toContainText('you');

  // A new annotator with a password generated in the browser, shown once.
  const form = page.getByTestId('create-user-form');
  const add = await whenReady(form, 'Add user');
  await form.getByLabel('Email').fill(email);
  await form.getByLabel('Name').fill(name);
  await form.getByLabel('Role', { exact: true }).selectOption('ANNOTATOR');
  await expect(form.getByRole('radio', { name: /Generate one/ })).toBeChecked();
  await add.click();
  const issued = page.getByTestId('issued-password');
  await expect(issued).toContainText(`Password for ${email}`);
  await expect(issued).toContainText('it is not shown again');
  const password = await page.getByTestId('issued-password-value').inputValue();
  expect(password).toMatch(/^[A-Za-z0-9]{5}(-[A-Za-z0-9]{5}){3}$/);
  await expect(page.getByTestId('users-notice')).toHaveText(`Added ${name} (${email}) as annotator.`);
  const row = userRow(page, email);
  await expect(row).toHaveAttribute('data-role', 'ANNOTATOR');
  await expect(row.getByTestId('user-status')).toHaveText('Enabled');
  await page.screenshot({ path: artifactPath('users-created.png'), fullPage: true });
  await issued.getByRole('button', { name: 'I have copied it' }).click();
  await expect(issued).toHaveCount(0);

  // The same email again: the API's refusal shows next to the form, which keeps what was typed.
  await form.getByLabel('Email').fill(email.toUpperCase());
  await form.getByLabel('Name').fill('Someone else');
  await form.getByRole('button', { name: 'Add user' }).click();
  const conflict = form.getByTestId('field-error');
  await expect(conflict).toHaveAttribute('data-error-code', 'CONFLICT');
  await expect(conflict).toContainText(`A user with the email ${email} already exists.`);
  await expect(form.getByLabel('Email')).toHaveValue(email.toUpperCase());
  await expect(page.getByTestId('issued-password')).toHaveCount(0);

  // Promoted to data scientist (raising a role asks nothing).
  await row.getByLabel(`Role of ${name}`).selectOption('DATA_SCIENTIST');
  await row.getByRole('button', { name: `Change the role of ${name} to Data scientist` }).click();
  await expect(row).toHaveAttribute('data-role', 'DATA_SCIENTIST');
  await expect(page.getByTestId('users-notice')).toHaveText(`${name} is now a data scientist.`);

  // The last enabled admin cannot disable themselves: the API's CONFLICT shows in their row.
  if (await isOnlyEnabledAdmin()) {
    const own = userRow(page, adminEmail);
    await own.getByRole('button', { name: 'Disable Administrator' }).click();
    const dialog = page.getByRole('dialog', { name: 'Disable Administrator?' });
    await expect(dialog).toContainText('This is you');
    await dialog.getByRole('button', { name: 'Disable Administrator' }).click();
    await expect(own.getByTestId('field-error')).toHaveAttribute('data-error-code', 'CONFLICT');
    await expect(own.getByTestId('field-error')).toContainText('last enabled admin');
    await expect(own).toHaveAttribute('data-disabled', 'false');
  }

  // The new user signs in elsewhere with the password handed over.
  const other = await browser.newContext({ baseURL });
  const userPage = await other.newPage();
  await userPage.goto('/');
  await submitSignIn(userPage, email, password);
  await expect(userPage.getByRole('heading', { level: 1, name: 'Datasets' })).toBeVisible();
  await expect(userPage.getByTestId('signed-in-user')).toHaveText(name);
  // No Users for a data scientist: not in the header, and the page refuses.
  await expect(userPage.getByTestId('users-link')).toHaveCount(0);
  await userPage.goto('/users');
  await expect(userPage.getByTestId('error-panel')).toHaveAttribute('data-error-code', 'FORBIDDEN');
  await expect(userPage.getByTestId('error-panel')).toContainText('Only admins manage users');
  await expect(userPage.getByTestId('user-table')).toHaveCount(0);
  await expect(userPage.getByTestId('create-user-form')).toHaveCount(0);

  // Their account page: who they are, and this browser's web session.
  await userPage.getByTestId('account-menu').getByRole('link', { name: 'Account' }).click();
  await expect(userPage).toHaveURL(/\/account$/);
  await expect(userPage.getByRole('heading', { level: 1, name: 'Your account' })).toBeVisible();
  await expect(userPage.getByTestId('account-name')).toHaveText(name);
  await expect(userPage.getByTestId('account-email')).toHaveText(email);
  await expect(userPage.getByTestId('account-role')).toHaveAttribute('data-role', 'DATA_SCIENTIST');
  const sessions = userPage.locator('[data-testid="api-token-row"][data-web-session="true"]');
  await expect(sessions).toHaveCount(1);
  await expect(sessions.getByTestId('this-browser')).toHaveText('This browser');

  // A token: roles up to their own, the secret shown once with a curl line.
  const tokenForm = userPage.getByTestId('create-token-form');
  const create = await whenReady(tokenForm, 'Create token');
  await expect(tokenForm.getByLabel('Role', { exact: true }).locator('option')).toHaveText([
    'Data scientist',
    'Annotator',
    'Reader',
  ]);
  await create.click();
  await expect(tokenForm.getByTestId('field-problem')).toContainText('Name the token');
  await tokenForm.getByLabel('Name').fill('notebook');
  await create.click();
  const created = userPage.getByTestId('new-token');
  await expect(created).toContainText('you will not see it again');
  const secret = await userPage.getByTestId('new-token-secret').inputValue();
  expect(secret).toMatch(/^loupe_[A-Za-z0-9_-]+$/);
  const curl = await userPage.getByTestId('new-token-curl').inputValue();
  expect(curl).toContain(`-H 'Authorization: Bearer ${secret}'`);
  expect(curl).toContain(`'${baseURL}/graphql'`);
  const notebook = userPage.locator('[data-testid="api-token-row"][data-token-name="notebook"]');
  await expect(notebook).toHaveAttribute('data-state', 'ACTIVE');
  await expect(notebook).toContainText('Data scientist');
  await userPage.screenshot({ path: artifactPath('account-token.png'), fullPage: true });

  // The token answers, at the API and through the web origin as the curl line sends it.
  expect((await graphqlData<{ me: { role: string } }>(ME, {}, { token: secret })).me.role).toBe(
    'DATA_SCIENTIST',
  );
  const viaWeb = await fetch(`${baseURL}/graphql`, {
    method: 'POST',
    headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
    body: JSON.stringify({ query: ME }),
  });
  expect(((await viaWeb.json()) as { data?: { me: { role: string } } }).data?.me.role).toBe('DATA_SCIENTIST');

  // Revoked in the page, after a confirmation: the token is refused from then on.
  await created.getByRole('button', { name: 'I have copied it' }).click();
  await expect(created).toHaveCount(0);
  await notebook.getByRole('button', { name: 'Revoke notebook' }).click();
  const revokeDialog = userPage.getByTestId('revoke-token-dialog');
  await expect(revokeDialog).toContainText('Scripts that use it are refused');
  await revokeDialog.getByRole('button', { name: 'Revoke', exact: true }).click();
  await expect(userPage.getByTestId('tokens-notice')).toHaveText('Revoked “notebook”.');
  await expect(notebook).toHaveCount(0);
  const refused = await graphql(ME, {}, { token: secret });
  expect(refused.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  await userPage.getByLabel('Show revoked and expired').check();
  await expect(notebook).toHaveAttribute('data-state', 'REVOKED');
  await expect(notebook.getByRole('button', { name: /Revoke/ })).toHaveCount(0);

  // A new password: checked here first, then the API says whether the current one is right.
  const passwordForm = userPage.getByTestId('change-password-form');
  const change = await whenReady(passwordForm, 'Change password');
  const newPassword = `new password of ${email}`;
  await passwordForm.getByLabel('Current password').fill(password);
  await passwordForm.getByLabel('New password', { exact: true }).fill(newPassword);
  await passwordForm.getByLabel('Repeat the new password').fill(`${newPassword}!`);
  await change.click();
  await expect(passwordForm.getByTestId('field-problem')).toHaveText(
    '⚠ The two new passwords are not the same.',
  );
  await passwordForm.getByLabel('New password', { exact: true }).fill('too short');
  await passwordForm.getByLabel('Repeat the new password').fill('too short');
  await change.click();
  await expect(passwordForm.getByTestId('field-problem')).toContainText('at least 12 characters');
  await passwordForm.getByLabel('Current password').fill('not the password at all');
  await passwordForm.getByLabel('New password', { exact: true }).fill(newPassword);
  await passwordForm.getByLabel('Repeat the new password').fill(newPassword);
  await change.click();
  const wrong = passwordForm.getByTestId('field-error');
  await expect(wrong).toHaveAttribute('data-error-code', 'BAD_INPUT');
  await expect(wrong).toContainText('The current password is wrong.');
  await expect(passwordForm.getByLabel('Current password')).toBeFocused();
  await passwordForm.getByLabel('Current password').fill(password);
  await change.click();
  await expect(userPage.getByTestId('password-changed')).toContainText('Your password is changed.');
  await expect(passwordForm.getByTestId('field-error')).toHaveCount(0);
  // This browser stays signed in; the new password opens a session and the old one no longer does.
  await userPage.reload();
  await expect(userPage.getByTestId('account-email')).toHaveText(email);
  await signInCookie(email, newPassword);
  const old = await graphql(
    'mutation ($email: String!, $password: String!) { signIn(email: $email, password: $password) { role } }',
    { email, password },
  );
  expect(old.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

  // The admin corrects the user's name in a dialog; the user sees it, and changes it back on their account page.
  const corrected = `${name} Lee`;
  await page.reload();
  const editDialog = page.getByRole('dialog', { name: `Name and email of ${name}` });
  await expect(async () => {
    await userRow(page, email)
      .getByRole('button', { name: `Edit the name and email of ${name}` })
      .click();
    await expect(editDialog).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  await editDialog.getByLabel('Name').fill('');
  const save = await whenReady(editDialog, 'Save');
  await save.click();
  await expect(editDialog.getByTestId('field-error')).toHaveAttribute('data-error-code', 'BAD_INPUT');
  await editDialog.getByLabel('Name').fill(corrected);
  await save.click();
  await expect(editDialog).toBeHidden();
  await expect(userRow(page, email).getByRole('rowheader')).toContainText(corrected);
  await userPage.reload();
  await expect(userPage.getByTestId('account-name')).toHaveText(corrected);
  await expect(async () => {
    await userPage.getByRole('button', { name: 'Change name' }).click();
    await expect(userPage.getByTestId('name-editor')).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  await userPage.getByLabel('Your name').fill(name);
  await userPage.getByRole('button', { name: 'Save name' }).click();
  await expect(userPage.getByTestId('account-name')).toHaveText(name);
  expect(
    (
      await graphqlData<{ me: { user: { name: string } } }>(
        '{ me { user { name } } }',
        {},
        await signInCookie(email, newPassword),
      )
    ).me.user.name,
  ).toBe(name);

  // The admin sees the user's tokens and web sessions (the revoked notebook among the old ones), and revokes a
  // web session.
  // Every row holds its own dialogs: this user's is the one in their row.
  const tokensDialog = userRow(page, email).getByTestId('user-tokens-dialog');
  await userRow(page, email)
    .getByRole('button', { name: `API tokens and web sessions of ${name}` })
    .click();
  await expect(
    tokensDialog.getByRole('heading', { name: `API tokens and web sessions of ${name}` }),
  ).toBeVisible();
  await expect(tokensDialog.getByTestId('create-token-form')).toHaveCount(0);
  const liveSessions = tokensDialog.locator(
    '[data-testid="api-token-row"][data-web-session="true"][data-state="ACTIVE"]',
  );
  await expect(liveSessions.first()).toBeVisible();
  const liveBefore = await liveSessions.count();
  await tokensDialog.getByTestId('show-inactive-tokens').check();
  await expect(
    tokensDialog.locator('[data-testid="api-token-row"][data-token-name="notebook"]'),
  ).toHaveAttribute('data-state', 'REVOKED');
  await liveSessions
    .first()
    .getByRole('button', { name: /^Revoke web session/ })
    .click();
  await tokensDialog.getByTestId('revoke-token-dialog').getByRole('button', { name: 'Revoke' }).click();
  await expect(liveSessions).toHaveCount(liveBefore - 1);
  await expect(tokensDialog.getByTestId('tokens-notice')).toContainText('Revoked the web session');
  await tokensDialog.getByRole('button', { name: 'Close' }).click();
  await expect(tokensDialog).toBeHidden();

  // The admin disables the user, after a confirmation (the first click after a reload may land before the
  // page has hydrated: it is repeated until the dialog opens).
  await page.reload();
  const disableDialog = page.getByRole('dialog', { name: `Disable ${name}?` });
  await expect(async () => {
    await userRow(page, email)
      .getByRole('button', { name: `Disable ${name}` })
      .click();
    await expect(disableDialog).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  await expect(disableDialog).toContainText('can no longer sign in');
  await disableDialog.getByRole('button', { name: `Disable ${name}` }).click();
  await expect(userRow(page, email)).toHaveAttribute('data-disabled', 'true');
  await expect(userRow(page, email).getByTestId('user-status')).toHaveText('Disabled');
  await expect(page.getByTestId('users-notice')).toHaveText(`Disabled ${name}.`);

  // Their browser is signed out, and the new password no longer signs them in.
  await userPage.goto('/account');
  await expect(userPage).toHaveURL(/\/sign-in\?next=%2Faccount$/);
  await submitSignIn(userPage, email, newPassword);
  const error = userPage.getByTestId('sign-in-error');
  await expect(error).toHaveText('The email or password is wrong.');
  await expect(error).toHaveAttribute('data-error-code', 'UNAUTHENTICATED');
  await expect(userPage).toHaveURL(/\/sign-in/);
  await other.close();
});

test('a reader finds their account in the header: identity and password, and no tokens', async ({ page }) => {
  const reader = await createUser('READER', 'Rita Reader');
  await page.goto('/');
  await submitSignIn(page, reader.email, reader.password);
  await expect(page).toHaveURL(/\/read$/);
  await expect(page.getByTestId('users-link')).toHaveCount(0);
  await page.getByTestId('account-menu').getByRole('link', { name: 'Account' }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByTestId('account-role')).toHaveAttribute('data-role', 'READER');
  await expect(page.getByTestId('account-email')).toHaveText(reader.email);
  await expect(page.getByTestId('change-password-form')).toBeVisible();
  await expect(page.getByTestId('no-api-tokens')).toBeVisible();
  await expect(page.getByTestId('create-token-form')).toHaveCount(0);
  await page.goto('/users');
  await expect(page.getByTestId('error-panel')).toHaveAttribute('data-error-code', 'FORBIDDEN');
  await page.screenshot({ path: artifactPath('reader-account-refused-users.png'), fullPage: true });
});
