import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { createServer as createTcpServer, type AddressInfo, type Socket } from 'node:net';

/** A request the receiver got. */
export interface ReceivedWebhook {
  path: string;
  headers: IncomingHttpHeaders;
  /** The raw body, exactly as it arrived. */
  body: string;
}

/**
 * A webhook receiver on 127.0.0.1 for tests. The path chooses the answer:
 * `/ok` 200 · `/fail` 500 · `/bad` 400 with a 2,000-character body · `/status/<n>` any status ·
 * `/slow` headers after 3 s · `/redirect` 302 to `/ok` · `/moved` 301 to `/ok`. Everything is recorded.
 * `garbageUrl` answers bytes that are not HTTP.
 */
export async function startWebhookReceiver() {
  const received: ReceivedWebhook[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = req.url ?? '/';
      received.push({ path, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const status = /^\/status\/(\d{3})$/.exec(path)?.[1];
      if (path === '/ok') res.writeHead(200, { 'content-type': 'text/plain' }).end('thanks');
      else if (path === '/fail') res.writeHead(500).end('internal error');
      else if (path === '/bad') res.writeHead(400, { 'content-type': 'text/plain' }).end('x'.repeat(2000));
      else if (status) res.writeHead(Number(status)).end(`status ${status}`);
      else if (path === '/slow') {
        const t = setTimeout(() => res.writeHead(200).end('late'), 3000);
        timers.add(t);
      } else if (path === '/redirect') res.writeHead(302, { location: '/ok' }).end();
      else if (path === '/moved') res.writeHead(301, { location: '/ok' }).end();
      else res.writeHead(404).end('no such path');
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  const garbage = createTcpServer((s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.once('data', () => s.end('\u0000\u00ffTHIS IS NOT HTTP\r\n\r\n'));
  });
  await new Promise<void>((resolve) => garbage.listen(0, '127.0.0.1', resolve));
  const garbagePort = (garbage.address() as AddressInfo).port;

  return {
    received,
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    garbageUrl: `http://127.0.0.1:${garbagePort}/hook`,
    async close() {
      for (const t of timers) clearTimeout(t);
      for (const s of sockets) s.destroy();
      await Promise.all([
        new Promise<void>((resolve) => server.close(() => resolve())),
        new Promise<void>((resolve) => garbage.close(() => resolve())),
      ]);
    },
  };
}

/** A URL on 127.0.0.1 where nothing listens. */
export async function unusedLocalUrl(): Promise<string> {
  const probe = createTcpServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return `http://127.0.0.1:${port}/hook`;
}
