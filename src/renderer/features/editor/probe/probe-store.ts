/**
 * The probe (FDR's Probe): a process opened on the host, the path walked from
 * its initial state (each step the transition taken), and the transitions of
 * each state seen. State ids are stable for the life of a probe, so walking
 * back is cutting the path; an expansion is asked for once per state.
 */
import { create } from 'zustand';
import type { StoreApi, UseBoundStore } from 'zustand';
import type { ParamsIn, Result } from '../../../../shared/protocol';
import type { Diagnostic } from '../../../../shared/protocol/methods/diagnostics';

export type ProbeRequest = <M extends 'probe.open' | 'probe.expand' | 'probe.close'>(
  method: M,
  params: ParamsIn<M>,
) => Promise<Result<M>>;

export type ProbeState = Extract<Result<'probe.open'>, { ok: true }>['root'];
export type ProbeTransition = Result<'probe.expand'>['transitions'][number];

export interface Expansion {
  readonly transitions: readonly ProbeTransition[];
  readonly more: number;
  readonly error?: Diagnostic;
}

export interface ProbeStep {
  readonly state: ProbeState;
  /** The transition that led here (absent for the initial state). */
  readonly via?: ProbeTransition;
}

export interface ProbeSource {
  readonly text: string;
  readonly name: string;
  readonly kind: 'cspm' | 'workflow';
}

export interface ProbeStoreState {
  probeId: string | undefined;
  process: string | undefined;
  /** Revision of the source the probe was opened on (the text may have changed since). */
  revision: number | undefined;
  path: readonly ProbeStep[];
  expansions: Readonly<Record<number, Expansion>>;
  loading: boolean;
  /** Why the process could not be opened or a state expanded. */
  problems: readonly Diagnostic[];
  open(source: ProbeSource, process: string, revision: number): Promise<void>;
  /** Takes transition `index` of the current state. */
  choose(index: number): Promise<void>;
  /** Walks back to step `index` of the path (0: the initial state). */
  back(index: number): void;
  close(): Promise<void>;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

const failure = (text: string): Diagnostic => ({ code: 'probe', severity: 'error', message: text });

export function createProbeStore(request: ProbeRequest): UseBoundStore<StoreApi<ProbeStoreState>> {
  return create<ProbeStoreState>((set, get) => {
    /** Expands a state unless it was already; errors become problems. */
    const expand = async (probeId: string, stateId: number): Promise<void> => {
      if (get().expansions[stateId]) return;
      set({ loading: true });
      try {
        const r = await request('probe.expand', { probeId, stateId });
        if (get().probeId !== probeId) return;
        set({
          expansions: {
            ...get().expansions,
            [stateId]: { transitions: r.transitions, more: r.more, ...(r.error ? { error: r.error } : {}) },
          },
        });
      } catch (error) {
        if (get().probeId === probeId) set({ problems: [failure(`Could not expand the state: ${message(error)}`)] });
      } finally {
        if (get().probeId === probeId) set({ loading: false });
      }
    };

    return {
      probeId: undefined,
      process: undefined,
      revision: undefined,
      path: [],
      expansions: {},
      loading: false,
      problems: [],
      open: async (source, process, revision) => {
        await get().close();
        set({ loading: true, problems: [], process, revision });
        try {
          const r = await request('probe.open', { text: source.text, name: source.name, kind: source.kind, process });
          if (!r.ok) {
            set({ loading: false, problems: r.diagnostics });
            return;
          }
          set({ probeId: r.probeId, process: r.process, path: [{ state: r.root }], expansions: {}, loading: false });
          await expand(r.probeId, r.root.id);
        } catch (error) {
          set({ loading: false, problems: [failure(`Could not open the probe: ${message(error)}`)] });
        }
      },
      choose: async (index) => {
        const { probeId, path, expansions } = get();
        const here = path[path.length - 1];
        const t = here ? expansions[here.state.id]?.transitions[index] : undefined;
        if (!probeId || !t) return;
        set({ path: [...path, { state: t.target, via: t }] });
        await expand(probeId, t.target.id);
      },
      back: (index) => {
        const { path } = get();
        if (index >= 0 && index < path.length - 1) set({ path: path.slice(0, index + 1) });
      },
      close: async () => {
        const probeId = get().probeId;
        set({ probeId: undefined, path: [], expansions: {}, problems: [], loading: false });
        if (!probeId) return;
        // Unknown ids are not an error; a host that went away has closed it anyway.
        await request('probe.close', { probeId }).catch(() => undefined);
      },
    };
  });
}
