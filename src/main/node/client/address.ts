/**
 * Where a node is: the URL a person types (`wss://node.example:7420`,
 * `ws://127.0.0.1:7420/ws`, or `https://…` / `http://…` for the same), read
 * once into what the connection needs.
 */
export interface NodeAddress {
  readonly secure: boolean;
  /** Host name or address, without brackets. */
  readonly host: string;
  readonly port: number;
  /** `host:port`, the key of its certificate pin. */
  readonly key: string;
  /** The protocol endpoint. */
  readonly wsUrl: string;
  /** Base of /health and /metrics. */
  readonly httpUrl: string;
}

export function parseNodeUrl(text: string): NodeAddress {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new Error(`${JSON.stringify(text)} is not a node URL (like wss://node.example:7420)`);
  }
  const secure = url.protocol === 'wss:' || url.protocol === 'https:';
  if (!secure && url.protocol !== 'ws:' && url.protocol !== 'http:') {
    throw new Error(`a node URL starts with wss://, ws://, https:// or http://, not ${url.protocol}//`);
  }
  if (url.username !== '' || url.password !== '') throw new Error('put the token in the token field, not in the URL');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const port = url.port === '' ? (secure ? 443 : 80) : Number(url.port);
  const shown = host.includes(':') ? `[${host}]` : host;
  return {
    secure,
    host,
    port,
    key: `${host}:${port}`,
    wsUrl: `${secure ? 'wss' : 'ws'}://${shown}:${port}/ws`,
    httpUrl: `${secure ? 'https' : 'http'}://${shown}:${port}`,
  };
}
