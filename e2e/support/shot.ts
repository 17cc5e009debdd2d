/**
 * Screenshots for e2e tests: written to e2e/artifacts/ (to look at after UI changes) and checked
 * not to be blank. A blank page is one colour; a rendered studio has text, icons and panels.
 */
import { expect } from '@playwright/test';
import type { Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PNG } from '../png';

export const artifactsDir = resolve(import.meta.dirname, '..', 'artifacts');
mkdirSync(artifactsDir, { recursive: true });

/** The path of a file in e2e/artifacts/. */
export function artifact(name: string): string {
  return join(artifactsDir, name);
}

/** Saves `<name>.png` in e2e/artifacts/ and fails when it looks blank. */
export async function shot(page: Page, name: string): Promise<Buffer> {
  const png = await page.screenshot({ path: artifact(`${name}.png`) });
  const stats = PNG.stats(png);
  expect(stats.distinctColours, `${name}.png has too few colours: blank?`).toBeGreaterThan(50);
  expect(stats.stdDev, `${name}.png has too little contrast: blank?`).toBeGreaterThan(5);
  return png;
}
