/**
 * What each kind of node holds besides its ports: a CSPm behaviour, a script
 * and its contract, an agent's settings, a built-in's config.
 */
import type { ReactElement } from 'react';
import type {
  AgentConfig,
  AgentNode,
  BuiltinNode,
  HttpConfig,
  ProcessNode,
  ScriptNode,
} from '../../../../engine/workflow';
import { editNode, withOptional } from './edit';
import { CheckField, CodeTextField, jsonText, parseJson, parseNumber, Section, SelectField, TextField } from './fields';
import type { Commit } from './use-field';

type Edit<T extends ProcessNode> = (f: (n: T) => T, coalesce?: string) => string | undefined;

function editor<T extends ProcessNode>(id: string): Edit<T> {
  return (f, coalesce) => editNode(id, (n) => f(n as T), coalesce);
}

function ContractField({ node }: { node: ScriptNode | AgentNode }): ReactElement {
  const edit = editor<ScriptNode | AgentNode>(node.id);
  return (
    <CodeTextField
      targetKey={`node:${node.id}`}
      field="contract"
      label="Contract"
      language="cspm"
      value={node.contract ?? ''}
      hint="A CSPm process over the ports; checks use it instead of the code. Empty: CHAOS(ports) |~| SKIP, listed as an assumption."
      commit={(text, c) => edit((n) => withOptional(n, 'contract', text.trim() === '' ? undefined : text), c)}
    />
  );
}

function AgentSection({ node }: { node: AgentNode }): ReactElement {
  const key = `node:${node.id}`;
  const edit = editor<AgentNode>(node.id);
  const set =
    (
      k: keyof AgentConfig,
      parse: (text: string) => { ok: true; value: unknown } | { ok: false; reason: string } = (t) => ({
        ok: true,
        value: t === '' ? undefined : t,
      }),
    ): Commit =>
    (text, c) => {
      const v = parse(text);
      if (!v.ok) return v.reason;
      return edit((n) => ({ ...n, agent: withOptional(n.agent, k, v.value) }), c);
    };
  const outs = node.ports.filter((p) => p.dir === 'out').map((p) => p.name);
  const a = node.agent;
  return (
    <Section title="Agent">
      <SelectField
        label="Provider"
        value={a.provider}
        options={[
          { value: 'openai', label: 'OpenAI' },
          { value: 'ollama', label: 'Ollama' },
          { value: 'replay', label: 'Replay (recorded replies)' },
        ]}
        onChange={(provider) => edit((n) => ({ ...n, agent: { ...n.agent, provider } }))}
      />
      <TextField
        targetKey={key}
        field="agent.model"
        label="Model"
        value={a.model}
        commit={set('model', (t) => ({ ok: true, value: t }))}
      />
      <TextField
        targetKey={key}
        field="agent.baseUrl"
        label="Base URL"
        value={a.baseUrl ?? ''}
        placeholder="provider default"
        commit={set('baseUrl')}
      />
      <TextField
        targetKey={key}
        field="agent.apiKey"
        label="API key secret"
        value={a.apiKey?.secret ?? ''}
        placeholder="name of a secret, e.g. OPENAI_KEY"
        hint="Secrets are named, never written into the workflow"
        commit={set('apiKey', (t) => ({ ok: true, value: t.trim() === '' ? undefined : { secret: t.trim() } }))}
      />
      <CodeTextField
        targetKey={key}
        field="agent.system"
        label="System prompt"
        language="text"
        value={a.system}
        commit={set('system', (t) => ({ ok: true, value: t }))}
      />
      <TextField
        targetKey={key}
        field="agent.prompt"
        label="Prompt per input"
        value={a.prompt ?? ''}
        placeholder="{input}"
        hint="{input} is the input, {port} its port"
        commit={set('prompt')}
      />
      <SelectField
        label="Reply port"
        value={a.replyPort ?? ''}
        options={[{ value: '', label: '(routing rules only)' }, ...outs.map((p) => ({ value: p, label: p }))]}
        onChange={(port) => edit((n) => ({ ...n, agent: withOptional(n.agent, 'replyPort', port) }))}
      />
      <CodeTextField
        targetKey={key}
        field="agent.routing"
        label="Routing rules (JSON)"
        language="json"
        value={jsonText(a.routing)}
        hint='[ { "port": "accept", "match": { "required": ["decision"] } } ]: the first rule whose JSON Schema matches the reply wins'
        commit={set('routing', (t) => parseJson(t, 'routing'))}
      />
      <CodeTextField
        targetKey={key}
        field="agent.replies"
        label="Recorded replies (JSON)"
        language="json"
        value={jsonText(a.replies)}
        commit={set('replies', (t) => parseJson(t, 'replies'))}
      />
      <TextField
        targetKey={key}
        field="agent.temperature"
        label="Temperature"
        value={a.temperature?.toString() ?? ''}
        commit={set('temperature', (t) => parseNumber(t, 'temperature', false))}
      />
      <TextField
        targetKey={key}
        field="agent.maxTokens"
        label="Max tokens"
        value={a.maxTokens?.toString() ?? ''}
        commit={set('maxTokens', (t) => parseNumber(t, 'max tokens'))}
      />
    </Section>
  );
}

function ConfigSection({ node }: { node: BuiltinNode }): ReactElement | null {
  const key = `node:${node.id}`;
  const edit = editor<BuiltinNode>(node.id);
  const config = (node as { config?: Record<string, unknown> }).config ?? {};
  const set =
    (
      k: string,
      parse: (text: string) => { ok: true; value: unknown } | { ok: false; reason: string } = (t) => ({
        ok: true,
        value: t === '' ? undefined : t,
      }),
    ): Commit =>
    (text, c) => {
      const v = parse(text);
      if (!v.ok) return v.reason;
      return edit(
        (n) =>
          ({
            ...n,
            config: withOptional((n as { config?: Record<string, unknown> }).config ?? {}, k, v.value),
          }) as BuiltinNode,
        c,
      );
    };
  const num = (k: string, label: string, what: string) => (
    <TextField
      targetKey={key}
      field={`config.${k}`}
      label={label}
      value={config[k] === undefined ? '' : String(config[k])}
      commit={set(k, (t) => parseNumber(t, what))}
    />
  );
  const json = (k: string, label: string) => (
    <CodeTextField
      targetKey={key}
      field={`config.${k}`}
      label={label}
      language="json"
      rows={2}
      value={jsonText(config[k])}
      commit={set(k, (t) => parseJson(t, label))}
    />
  );
  switch (node.kind) {
    case 'timer':
      return (
        <Section title="Timer">
          {num('interval', 'Interval (ms)', 'interval')}
          {num('count', 'Count', 'count')}
          {json('payload', 'Payload (JSON)')}
        </Section>
      );
    case 'inject':
      return (
        <Section title="Inject">
          {json('payload', 'Payload (JSON)')}
          <CheckField
            label="Send once at start"
            checked={config['once'] === true}
            onChange={(v) =>
              edit((n) => ({ ...n, config: withOptional(config, 'once', v ? true : undefined) }) as BuiltinNode)
            }
          />
        </Section>
      );
    case 'log':
      return (
        <Section title="Log">
          <TextField
            targetKey={key}
            field="config.label"
            label="Label"
            value={String(config['label'] ?? '')}
            placeholder={node.name}
            commit={set('label')}
          />
        </Section>
      );
    case 'map':
    case 'filter':
      return (
        <Section title={node.kind === 'map' ? 'Map' : 'Filter'}>
          <TextField
            targetKey={key}
            field="config.expression"
            label="Expression"
            value={String(config['expression'] ?? '')}
            hint={
              node.kind === 'map' ? 'The value sent for each message msg' : 'Messages for which this is truthy pass'
            }
            commit={set('expression', (t) => ({ ok: true, value: t }))}
          />
        </Section>
      );
    case 'buffer':
      return <Section title="Buffer">{num('capacity', 'Capacity', 'capacity')}</Section>;
    case 'http': {
      const http = config as Partial<HttpConfig>;
      return (
        <Section title="HTTP request">
          <SelectField
            label="Method"
            value={http.method ?? 'GET'}
            options={(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD'] as const).map((m) => ({ value: m, label: m }))}
            onChange={(method) => edit((n) => ({ ...n, config: { ...config, method } }) as BuiltinNode)}
          />
          <TextField
            targetKey={key}
            field="config.url"
            label="URL"
            value={http.url ?? ''}
            hint="{field} is filled from the message, URL-encoded"
            commit={set('url', (t) => ({ ok: true, value: t }))}
          />
          <TextField
            targetKey={key}
            field="config.allow"
            label="Allowed hosts"
            value={(http.allow ?? []).join(', ')}
            hint="Egress allow-list: host or host:port, separated by commas"
            commit={set('allow', (t) => ({
              ok: true,
              value: t
                .split(',')
                .map((h) => h.trim())
                .filter((h) => h !== ''),
            }))}
          />
          {num('timeout', 'Timeout (ms)', 'timeout')}
          {json('headers', 'Headers (JSON)')}
        </Section>
      );
    }
    case 'merge':
    case 'split':
      return null;
  }
}

/** The kind-specific section of a node's properties. */
export function KindSection({ node }: { node: ProcessNode }): ReactElement | null {
  const key = `node:${node.id}`;
  switch (node.kind) {
    case 'csp': {
      const edit = editor<typeof node>(node.id);
      return (
        <Section title="Behaviour">
          <CodeTextField
            targetKey={key}
            field="behaviour"
            label="Behaviour"
            language="cspm"
            rows={4}
            value={node.behaviour}
            hint={`The right-hand side of ${node.name.replace(/[^A-Za-z0-9_']/g, '_')}${node.replicate ? '(i)' : ''} = …, over the port names`}
            commit={(text, c) => edit((n) => ({ ...n, behaviour: text }), c)}
          />
        </Section>
      );
    }
    case 'script': {
      const edit = editor<ScriptNode>(node.id);
      return (
        <Section title="Script">
          <CodeTextField
            targetKey={key}
            field="script"
            label="Script"
            language="javascript"
            rows={8}
            value={node.script}
            commit={(text, c) => edit((n) => ({ ...n, script: text }), c)}
          />
          <ContractField node={node} />
        </Section>
      );
    }
    case 'agent':
      return (
        <>
          <AgentSection node={node} />
          <Section title="Contract">
            <ContractField node={node} />
          </Section>
        </>
      );
    default:
      return <ConfigSection node={node} />;
  }
}
