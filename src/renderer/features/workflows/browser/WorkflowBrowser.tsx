/**
 * The Workflows sidebar: search by name, recent workflows, all workflows,
 * and the actions to create, import or open an example. On first start (an
 * empty store) it is a welcome that offers the examples.
 */
import { useEffect, useState } from 'react';
import type { ReactElement } from 'react';
import { runCommand } from '../../../commands';
import { useHostQuery } from '../../../hooks';
import { PlusIcon, SearchIcon, SparkIcon, UploadIcon } from '../../../ui/icons';
import { useDocument } from '../../designer/document';
import { useScript } from '../../editor/script/script-store';
import { ExampleList } from './ExampleList';
import { WorkflowRow } from './WorkflowRow';
import { useBrowserState } from './browser-store';

/** Recent workflows get their own section once the list is longer than this (before, it would repeat the list). */
const RECENT = 5;

function useNow(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(t);
  }, [intervalMs]);
  return now;
}

export function WorkflowBrowser(): ReactElement {
  const [search, setSearch] = useState('');
  const renaming = useBrowserState((s) => s.renaming);
  const setRenaming = useBrowserState((s) => s.setRenaming);
  const openWorkflowId = useDocument((s) => s.ref?.workflowId);
  const openScriptId = useScript((s) => s.ref?.id);
  const openId = openWorkflowId ?? openScriptId;
  const workflowDirty = useDocument((s) => s.revision !== s.savedRevision);
  const scriptDirty = useScript((s) => s.revision !== s.savedRevision);
  const dirty = workflowDirty || scriptDirty;
  const query = search.trim();
  const list = useHostQuery('workflows.list', { order: 'recent', ...(query !== '' ? { search: query } : {}) });
  const now = useNow(30_000);
  const all = list.data?.workflows ?? [];
  const recent = query === '' && all.length > RECENT ? all.filter((w) => w.openedAt !== null).slice(0, RECENT) : [];
  const byName = [...all].sort((a, b) => a.name.localeCompare(b.name));
  const row = (w: (typeof all)[number], section: string): ReactElement => (
    <WorkflowRow
      key={`${section}-${w.id}`}
      workflow={w}
      open={w.id === openId}
      dirty={dirty}
      renaming={renaming === w.id && section === 'all'}
      onRenaming={(on) => setRenaming(on ? w.id : undefined)}
      now={now}
    />
  );
  return (
    <div className="browser">
      <header className="pane-header">
        <h2 className="pane-title">Workflows</h2>
        <span className="pane-spacer" />
        <button
          type="button"
          className="icon-button"
          aria-label="New workflow"
          title="New workflow (Ctrl+Alt+N)"
          onClick={() => runCommand('file.new')}
        >
          <PlusIcon size={15} />
        </button>
        <button
          type="button"
          className="icon-button"
          aria-label="Import a file"
          title="Import YAML or CSPm (Ctrl+O)"
          onClick={() => runCommand('file.import')}
        >
          <UploadIcon size={15} />
        </button>
        <button
          type="button"
          className="icon-button"
          aria-label="Open example"
          title="Open an example"
          onClick={() => runCommand('file.openExample')}
        >
          <SparkIcon size={15} />
        </button>
      </header>
      <div className="browser-search">
        <SearchIcon size={14} />
        <input
          type="search"
          placeholder="Search by name"
          aria-label="Search workflows by name"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
      </div>
      <div className="pane-body">
        {list.isError && <p className="error-text pad">Could not list workflows: {list.error.message}</p>}
        {list.isPending && <p className="muted pad">Loading…</p>}
        {list.data && all.length === 0 && query === '' && <FirstStart />}
        {list.data && all.length === 0 && query !== '' && (
          <p className="muted pad">No workflow has “{query}” in its name.</p>
        )}
        {recent.length > 0 && (
          <section aria-label="Recent workflows">
            <h3 className="section-title">Recent</h3>
            <ul className="wf-list">{recent.map((w) => row(w, 'recent'))}</ul>
          </section>
        )}
        {byName.length > 0 && (
          <section aria-label={query === '' ? 'All workflows' : 'Matching'}>
            <h3 className="section-title">{query === '' ? 'All workflows' : 'Matching'}</h3>
            <ul className="wf-list">{byName.map((w) => row(w, 'all'))}</ul>
          </section>
        )}
      </div>
    </div>
  );
}

function FirstStart(): ReactElement {
  return (
    <div className="first-start" role="note" aria-label="Start here">
      <h3>Start with an example</h3>
      <p className="muted">
        Each opens as your own copy on the canvas: see how processes, channels and checks fit together, then change it.
        Or start from an empty workflow, or import a YAML or CSPm file (drop it anywhere on the window).
      </p>
      <ExampleList />
      <div className="first-start-actions">
        <button type="button" className="button" onClick={() => runCommand('file.new')}>
          New empty workflow
        </button>
        <button type="button" className="button" onClick={() => runCommand('file.import')}>
          Import a file…
        </button>
      </div>
    </div>
  );
}
