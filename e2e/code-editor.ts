/**
 * Code fields are Monaco editors: a person clicks into one, selects all and
 * types. Text is inserted as typed input (no auto-closed brackets added), and
 * read back from what the editor shows.
 */
import type { Locator } from '@playwright/test';

/** The editor of a code field, by its label (`Behaviour`, `Declarations`). */
export function codeField(scope: Locator, label: string): Locator {
  return scope.getByRole('group', { name: label, exact: true });
}

/** Replaces the field's text as a person would (click, select all, type). */
export async function typeCode(field: Locator, text: string): Promise<void> {
  await field.click();
  await field.page().keyboard.press('ControlOrMeta+A');
  await field.page().keyboard.insertText(text);
}

/** The lines the editor shows (spaces as typed), top to bottom. */
export async function codeText(field: Locator): Promise<string> {
  return field.locator('.view-lines').evaluate((el) =>
    [...el.querySelectorAll<HTMLElement>('.view-line')]
      .sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top))
      .map((l) => (l.textContent ?? '').replace(/\u00a0/g, ' '))
      .join('\n'),
  );
}
