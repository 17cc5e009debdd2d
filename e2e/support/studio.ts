/**
 * One studio per test: a real web-mode host (see ../host.ts) on a fresh temporary data folder,
 * killed and its folder removed after the test. A test file calls `useStudio()` once at its top
 * level (that registers the clean-up) and `studio.open(page)` in each test.
 */
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { startHost, tempDataDir } from '../host';
import type { WebHost } from '../host';

export interface OpenOptions {
  /** Emulated system colour scheme; the browser default when left out. */
  readonly colorScheme?: 'light' | 'dark';
  /** Let the page read and write the system clipboard (copy and paste as YAML). */
  readonly clipboard?: boolean;
}

export interface Studio {
  /** The running host (the last one started); throws before any was started. */
  readonly host: WebHost;
  /** The data folder of this test's hosts. */
  readonly dataDir: string;
  /** Starts a host on a fresh data folder, opens its page and waits until the UI says "connected". */
  open(page: Page, options?: OpenOptions): Promise<WebHost>;
  /**
   * Starts a host without opening a page. Again after a kill, on the same data folder (a restart),
   * with the same port and token when given.
   */
  startHost(options?: { port?: number; token?: string }): Promise<WebHost>;
}

export function useStudio(): Studio {
  let host: WebHost | undefined;
  let data: ReturnType<typeof tempDataDir> | undefined;

  test.afterEach(async () => {
    await host?.kill();
    host = undefined;
    data?.remove();
    data = undefined;
  });

  const studio: Studio = {
    get host(): WebHost {
      if (!host) throw new Error('no host started in this test: call studio.open(page) first');
      return host;
    },
    get dataDir(): string {
      if (!data) throw new Error('no data folder yet: call studio.open(page) first');
      return data.dir;
    },
    async startHost(options = {}) {
      data ??= tempDataDir();
      // A host left running would hold the data folder and port a restart wants.
      await host?.kill();
      host = await startHost({ dataDir: data.dir, ...options });
      return host;
    },
    async open(page, options = {}) {
      const started = await studio.startHost();
      if (options.clipboard) {
        await page
          .context()
          .grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(started.url).origin });
      }
      if (options.colorScheme) await page.emulateMedia({ colorScheme: options.colorScheme });
      await page.goto(started.url);
      await expect(page.getByTestId('connection-status')).toHaveText('connected');
      return started;
    },
  };
  return studio;
}
