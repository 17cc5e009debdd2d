/** The one line a canvas node shows under its name: what the node does, at a glance. */
import type { ProcessNode } from '../../../../engine/workflow';

/** The text on one line: comments dropped, blanks collapsed (the canvas cuts it with an ellipsis). */
function oneLine(text: string): string {
  return text
    .split('\n')
    .filter((l) => !/^\s*(--|\/\/)/.test(l))
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function short(value: unknown): string {
  const text = JSON.stringify(value);
  return text === undefined ? '' : text;
}

export function nodeSummary(node: ProcessNode): string {
  switch (node.kind) {
    case 'csp':
      return oneLine(node.behaviour);
    case 'script': {
      const lines = node.script.split('\n').filter((l) => l.trim() !== '').length;
      return `${node.contract ? 'contract · ' : ''}JavaScript, ${lines} line${lines === 1 ? '' : 's'}`;
    }
    case 'agent':
      return `${node.agent.provider} · ${node.agent.model}`;
    case 'timer':
      return `every ${node.config.interval} ms${node.config.count === undefined ? '' : `, ${node.config.count} times`}`;
    case 'inject':
      return node.config?.payload === undefined ? 'injected messages' : short(node.config.payload);
    case 'log':
      return node.config?.label ?? 'to the run log';
    case 'map':
    case 'filter':
      return node.config.expression;
    case 'buffer':
      return `FIFO of ${node.config.capacity}`;
    case 'merge':
      return 'whichever input arrives';
    case 'split':
      return 'one message per element';
    case 'http':
      return `${node.config.method} ${node.config.url}`;
  }
}
