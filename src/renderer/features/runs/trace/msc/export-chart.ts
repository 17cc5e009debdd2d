/**
 * The sequence chart as a file: SVG (standalone, built by mscSvg from the
 * stored steps) or PNG (that SVG drawn on a canvas). A chart of more than
 * MAX_CHART_STEPS steps is not drawable as one picture: the export says so and
 * covers the first ones (the Mermaid and JSON exports have every step).
 */
import { hostRequest } from '../../../../hooks';
import { toastError, toastInfo } from '../../../../state/toast-store';
import { download } from '../../../workflows/transfer/export';
import { useRun } from '../../run-store';
import { fromRunStep, fromStoredStep } from '../rows';
import type { TraceRow } from '../rows';
import { extendLanes, lanesOf, mscSvg } from './layout';

export const MAX_CHART_STEPS = 5000;

async function chartRows(): Promise<{ rows: TraceRow[]; total: number }> {
  const s = useRun.getState();
  const total = s.lastSeq;
  const want = Math.min(total, MAX_CHART_STEPS);
  const storeRunId = s.run?.storeRunId;
  if (storeRunId === undefined) return { rows: s.steps.slice(0, want).map(fromRunStep), total: s.steps.length };
  const rows: TraceRow[] = [];
  let after = 0;
  while (rows.length < want) {
    const page = await hostRequest('run.trace', {
      storeRunId,
      afterSeq: after,
      limit: Math.min(1000, want - rows.length),
    });
    rows.push(...page.events.map(fromStoredStep));
    if (page.next === null || page.events.length === 0) break;
    after = page.next;
  }
  return { rows, total };
}

export async function chartSvg(): Promise<{ svg: string; shown: number; total: number }> {
  const { rows, total } = await chartRows();
  const lanes = extendLanes(lanesOf(useRun.getState().processes.map((p) => p.name)), rows);
  return { svg: mscSvg(rows, lanes), shown: rows.length, total };
}

function baseName(): string {
  const id = useRun.getState().run?.storeRunId;
  return id !== undefined ? `run-${id}-sequence` : 'sequence';
}

function sayCovered(shown: number, total: number, file: string): void {
  toastInfo(
    shown < total
      ? `Exported ${file}: the first ${shown.toLocaleString('en')} of ${total.toLocaleString('en')} steps (a picture of every step would not open; the Mermaid and JSON exports have them all).`
      : `Exported ${file}.`,
  );
}

export async function downloadChartSvg(): Promise<void> {
  try {
    const { svg, shown, total } = await chartSvg();
    download(svg, `${baseName()}.svg`, 'image/svg+xml');
    sayCovered(shown, total, `${baseName()}.svg`);
  } catch (e) {
    toastError(`Export failed: ${e instanceof Error ? e.message : String(e)}`);
  }
}

export async function downloadChartPng(): Promise<void> {
  try {
    const { svg, shown, total } = await chartSvg();
    const width = Number(/width="(\d+)"/.exec(svg)?.[1] ?? 800);
    const height = Number(/height="(\d+)"/.exec(svg)?.[1] ?? 600);
    const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
    try {
      const image = new Image();
      await new Promise<void>((resolve, reject) => {
        image.onload = () => resolve();
        image.onerror = () => reject(new Error('the chart could not be drawn'));
        image.src = url;
      });
      // Browsers refuse canvases past ~16k px a side: scale down a tall chart to fit.
      const scale = Math.min(1, 16_000 / Math.max(width, height));
      const canvas = document.createElement('canvas');
      canvas.width = Math.max(1, Math.floor(width * scale));
      canvas.height = Math.max(1, Math.floor(height * scale));
      const g = canvas.getContext('2d');
      if (!g) throw new Error('no 2D canvas in this browser');
      g.drawImage(image, 0, 0, canvas.width, canvas.height);
      const blob = await new Promise<Blob | null>((r) => canvas.toBlob(r, 'image/png'));
      if (!blob) throw new Error('the chart could not be encoded as PNG');
      const png = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = png;
      a.download = `${baseName()}.png`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(png), 10_000);
      sayCovered(shown, total, `${baseName()}.png`);
    } finally {
      URL.revokeObjectURL(url);
    }
  } catch (e) {
    toastError(`Export failed: ${e instanceof Error ? e.message : String(e)}`);
  }
}
