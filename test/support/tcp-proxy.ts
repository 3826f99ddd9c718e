/**
 * A TCP proxy for outage tests: it sits between the service and its PostgreSQL server and can make
 * the database go away in two ways: `cut()` drops every connection and refuses new ones (a server
 * that is down), `stall()` keeps connections open but lets nothing through (a network that silently
 * drops packets). `restore()` lets traffic through again.
 */
import { createServer, connect, type AddressInfo, type Server, type Socket } from 'node:net';

/** A running proxy; see {@link startTcpProxy}. */
export interface TcpProxy {
  /** The port it listens on, on 127.0.0.1. */
  readonly port: number;
  /** Connections accepted and forwarded so far. */
  readonly forwarded: number;
  /** Connections refused while cut. */
  readonly refused: number;
  /** Connections accepted and held without an answer while stalled. */
  readonly held: number;
  /** `open` (forwarding), `cut` or `stalled`. */
  readonly state: 'open' | 'cut' | 'stalled';
  /** Destroys every open connection (both sides) and refuses new ones until {@link restore}. */
  cut(): void;
  /** Stops forwarding on open connections and holds new ones unanswered until {@link restore}. */
  stall(): void;
  /** Forwards new connections again; connections held or stalled meanwhile are dropped. */
  restore(): void;
  /** Cuts everything and stops listening. */
  close(): Promise<void>;
}

/** One forwarded connection. */
interface Pair {
  client: Socket;
  upstream: Socket;
}

/**
 * Starts a proxy on 127.0.0.1 (a free port) that forwards each connection to `target`.
 * @example
 * const proxy = await startTcpProxy({ host: '127.0.0.1', port: 5432 });
 * proxy.cut(); // the database is unreachable through 127.0.0.1:proxy.port
 * proxy.restore();
 */
export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  const pairs = new Set<Pair>();
  let state: TcpProxy['state'] = 'open';
  let forwarded = 0;
  let refused = 0;
  let held = 0;

  const track = (socket: Socket): void => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    // A peer reset is the point of cutting; never let it surface as an uncaught error.
    socket.on('error', () => socket.destroy());
  };

  const server: Server = createServer((client) => {
    track(client);
    if (state === 'cut') {
      refused += 1;
      client.destroy();
      return;
    }
    if (state === 'stalled') {
      held += 1;
      client.pause(); // read nothing, answer nothing
      return;
    }
    forwarded += 1;
    const upstream = connect(target.port, target.host);
    track(upstream);
    const pair = { client, upstream };
    pairs.add(pair);
    client.pipe(upstream);
    upstream.pipe(client);
    const end = (): void => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('close', end);
    upstream.on('close', end);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  const destroyAll = (): void => {
    for (const socket of sockets) socket.destroy();
    sockets.clear();
    pairs.clear();
  };

  return {
    port,
    get forwarded() {
      return forwarded;
    },
    get refused() {
      return refused;
    },
    get held() {
      return held;
    },
    get state() {
      return state;
    },
    cut: () => {
      state = 'cut';
      destroyAll();
    },
    stall: () => {
      state = 'stalled';
      for (const { client, upstream } of pairs) {
        client.unpipe(upstream);
        upstream.unpipe(client);
        client.pause();
        upstream.pause();
      }
    },
    restore: () => {
      if (state === 'stalled') destroyAll();
      state = 'open';
    },
    close: async () => {
      state = 'cut';
      destroyAll();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** `url` with its host and port replaced by the proxy's (127.0.0.1:port). */
export function throughProxy(url: string, proxy: Pick<TcpProxy, 'port'>): string {
  const proxied = new URL(url);
  proxied.hostname = '127.0.0.1';
  proxied.port = String(proxy.port);
  return proxied.toString();
}

/** The host and port a PostgreSQL URL points at (port 5432 when it names none). */
export function databaseAddress(url: string): { host: string; port: number } {
  const parsed = new URL(url);
  return { host: parsed.hostname || '127.0.0.1', port: parsed.port ? Number(parsed.port) : 5432 };
}
