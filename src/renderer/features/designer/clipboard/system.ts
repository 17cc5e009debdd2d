/**
 * The system clipboard, with this window's last copy as a fallback: reading
 * the clipboard needs the browser's permission, and without it paste still
 * works inside the studio (and says why other apps' text is not reachable).
 */
let lastCopied: string | undefined;

/** Writes `text`; false when only the in-app copy could be kept. */
export async function writeClipboard(text: string): Promise<boolean> {
  lastCopied = text;
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

export type ClipboardRead =
  { readonly ok: true; readonly text: string } | { readonly ok: false; readonly reason: string };

export async function readClipboard(): Promise<ClipboardRead> {
  try {
    return { ok: true, text: await navigator.clipboard.readText() };
  } catch (e) {
    if (lastCopied !== undefined) return { ok: true, text: lastCopied };
    const why = e instanceof Error ? e.message : String(e);
    return { ok: false, reason: `the clipboard could not be read (${why}); allow clipboard access for this page` };
  }
}
