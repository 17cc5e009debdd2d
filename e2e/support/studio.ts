/**
 * One studio per test: a real web-mode host (see ../host.ts) on a fresh temporary data folder,
 * killed and its folder removed after the test. A test file calls `useStudio()` once at its top
 * level (that registers the clean-up) and `studio.open(page)` in each test.
 *
 * A host takes 1-2 s to start on a loaded 2-core machine, so while a test runs the next test's
 * host is already started (a spare: its own fresh data folder, not yet connected to by anyone);
 * each test still gets a host and store nobody used before it.
 */
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { launchHost, tempDataDir } from '../host';
import type { HostLaunch, WebHost } from '../host';

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

type DataDir = ReturnType<typeof tempDataDir>;

/** The next test's host, started ahead; one per Playwright worker process. */
let spare: { data: DataDir; launch: HostLaunch } | undefined;

function startSpare(): void {
  if (spare) return;
  const data = tempDataDir();
  const launch = launchHost({ dataDir: data.dir });
  // Its failure is reported by the test that takes it, not as an unhandled rejection now.
  launch.ready.catch(() => undefined);
  spare = { data, launch };
}

function takeSpare(): { data: DataDir; launch: HostLaunch } | undefined {
  const taken = spare;
  spare = undefined;
  return taken;
}

// The last spare is never taken: it goes when the worker process ends (normally or by a failure).
process.once('exit', () => {
  const left = takeSpare();
  left?.launch.process.kill('SIGKILL');
  left?.data.remove();
});

export function useStudio(): Studio {
  let host: WebHost | undefined;
  let data: ReturnType<typeof tempDataDir> | undefined;

  test.afterEach(async () => {
    await host?.kill();
    host = undefined;
    data?.remove();
    data = undefined;
  });

  /** This test's first host comes from the spare when there is one; a restart reuses its folder. */
  async function start(options: { port?: number; token?: string }): Promise<WebHost> {
    if (!data && options.port === undefined && options.token === undefined) {
      const taken = takeSpare();
      if (taken) {
        data = taken.data;
        host = await taken.launch.ready;
        return host;
      }
    }
    data ??= tempDataDir();
    // A host left running would hold the data folder and port a restart wants.
    await host?.kill();
    host = await launchHost({ dataDir: data.dir, ...options }).ready;
    return host;
  }

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
      const started = await start(options);
      startSpare();
      return started;
    },
    async open(page, options = {}) {
      const started = await start({});
      if (options.clipboard) {
        await page
          .context()
          .grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(started.url).origin });
      }
      if (options.colorScheme) await page.emulateMedia({ colorScheme: options.colorScheme });
      await page.goto(started.url);
      await expect(page.getByTestId('connection-status')).toHaveText('connected');
      // Started once the page has loaded, so that it does not slow this test's page load.
      startSpare();
      return started;
    },
  };
  return studio;
}
