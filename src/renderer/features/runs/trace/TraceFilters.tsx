/**
 * Filters of the trace: channel, process, and value text (the store's
 * full-text search over event text and payloads). Typing applies after a
 * short pause; Escape in a field clears it.
 */
import { useEffect, useState } from 'react';
import type { ReactElement } from 'react';
import { useRun } from '../run-store';
import { useTraceUi } from './trace-ui-store';

function useDebounced(value: string, ms: number): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return settled;
}

type Field = 'channel' | 'process' | 'text';

function FilterField(props: { field: Field; label: string; placeholder: string; list?: string }): ReactElement {
  const [value, setValue] = useState(() => useTraceUi.getState().filter[props.field] ?? '');
  const settled = useDebounced(value.trim(), 300);
  const { field } = props;
  useEffect(() => {
    const { filter, setFilter } = useTraceUi.getState();
    if ((filter[field] ?? '') !== settled) setFilter({ ...filter, [field]: settled || undefined });
  }, [settled, field]);
  return (
    <input
      type="search"
      className="trace-filter"
      aria-label={props.label}
      placeholder={props.placeholder}
      list={props.list}
      value={value}
      onChange={(e) => setValue(e.target.value)}
      onKeyDown={(e) => {
        if (e.key === 'Escape') setValue('');
      }}
    />
  );
}

export function TraceFilters(): ReactElement {
  const processes = useRun((s) => s.processes);
  const steps = useRun((s) => s.steps);
  // Channels seen in the steps in memory: suggestions only, any channel can be typed.
  const channels = [...new Set(steps.filter((s) => s.kind === 'event').map((s) => s.event.split('.')[0] ?? ''))]
    .filter(Boolean)
    .sort();
  return (
    <div className="trace-filters" role="search" aria-label="Filter the trace">
      <FilterField label="Filter by channel" placeholder="channel" field="channel" list="trace-channels" />
      <datalist id="trace-channels">
        {channels.map((c) => (
          <option key={c} value={c} />
        ))}
      </datalist>
      <FilterField label="Filter by process" placeholder="process" field="process" list="trace-processes" />
      <datalist id="trace-processes">
        {processes.map((p) => (
          <option key={p.name} value={p.name} />
        ))}
      </datalist>
      <FilterField label="Search values" field="text" placeholder="find text in events and payloads" />
    </div>
  );
}
