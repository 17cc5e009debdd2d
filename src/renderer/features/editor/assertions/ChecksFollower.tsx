/** Follows the open script's check run on the `check.events` stream (mounted once while the workbench lives). */
import { useEffect } from 'react';
import type { ReactElement } from 'react';
import { useStream } from '../../../hooks';
import { useScript } from '../script/script-store';
import { useScriptChecks } from './checks-store';

export function ChecksFollower(): ReactElement | null {
  const checkId = useScriptChecks((s) => s.checkId);
  const scriptId = useScript((s) => s.ref?.id);
  useEffect(() => {
    if (useScriptChecks.getState().scriptId !== scriptId) useScriptChecks.getState().reset(scriptId);
  }, [scriptId]);
  useStream(
    { stream: 'check.events', runId: checkId ?? '', enabled: checkId !== undefined },
    { onEvents: (batch) => useScriptChecks.getState().apply(batch.map((b) => b.data)) },
  );
  return null;
}
