/** Files into the studio as a person gives them: through a File menu item's chooser, or dropped on the window. */
import type { Page } from '@playwright/test';

type ChosenFile = string | { name: string; mimeType: string; buffer: Buffer };

/** Clicks File › `item` and gives its file chooser `file` (a path, or a name with contents). */
export async function chooseFromFileMenu(page: Page, item: string, file: ChosenFile): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('menubar').getByRole('menuitem', { name: 'File' }).click();
  await page.getByRole('menu', { name: 'File' }).getByRole('menuitem', { name: item }).click();
  await (await chooser).setFiles(file);
}

/** Drops a file named `name` holding `text` on the window (dragenter, dragover, drop, as a browser sends them). */
export async function dropFile(page: Page, name: string, text: string, type = 'text/plain'): Promise<void> {
  await page.evaluate(
    ({ name, text, type }) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([text], name, { type }));
      for (const event of ['dragenter', 'dragover', 'drop'])
        document.body.dispatchEvent(new DragEvent(event, { dataTransfer: transfer, bubbles: true, cancelable: true }));
    },
    { name, text, type },
  );
}
