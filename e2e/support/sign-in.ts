import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Page } from '@playwright/test';

/** The administrator every fresh instance has; `loupe serve` writes its password to the data folder. */
export const adminEmail = 'admin@localhost';

/**
 * The administrator's password: from `<LOUPE_E2E_DATA_DIR>/admin-password` (global setup sets the folder),
 * or LOUPE_E2E_ADMIN_PASSWORD for a stack that is already running.
 */
export function readAdminPassword(): string {
  if (process.env.LOUPE_E2E_ADMIN_PASSWORD) return process.env.LOUPE_E2E_ADMIN_PASSWORD;
  const dataDir = process.env.LOUPE_E2E_DATA_DIR;
  if (!dataDir) throw new Error('Set LOUPE_E2E_DATA_DIR or LOUPE_E2E_ADMIN_PASSWORD to sign in.');
  return readFileSync(join(dataDir, 'admin-password'), 'utf8').trim();
}

/** Fills in and submits the sign-in form the page shows. */
export async function submitSignIn(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Signs the first administrator in through the form, from the home page, and waits for the datasets. */
export async function signInAsAdmin(page: Page): Promise<void> {
  await page.goto('/');
  await submitSignIn(page, adminEmail, readAdminPassword());
  await expect(page.getByRole('heading', { level: 1, name: 'Datasets' })).toBeVisible();
}
