import { get as httpGet, type IncomingMessage } from 'node:http';

/** One server-sent event as the test sees it. */
export interface SseFrame {
  event?: string;
  id?: string;
  data?: string;
  comment?: string;
}

/**
 * An SSE client on a raw `http.get` (what a browser's fetch does): sends the bearer token in the Authorization
 * header and parses frames as they arrive.
 */
export function openStream(url: string, headers: Record<string, string>) {
  const frames: SseFrame[] = [];
  const waiters: (() => void)[] = [];
  let buffer = '';
  let response: IncomingMessage | undefined;
  const req = httpGet(url, { headers: { accept: 'text/event-stream', ...headers } });
  const opened = new Promise<IncomingMessage>((resolve, reject) => {
    req.on('response', (res) => {
      response = res;
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (!block.trim()) continue;
          const frame: SseFrame = {};
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) frame.comment = line.slice(1).trim();
            else {
              const i = line.indexOf(':');
              const field = line.slice(0, i);
              const value = line.slice(i + 1).replace(/^ /, '');
              if (field === 'event') frame.event = value;
              else if (field === 'id') frame.id = value;
              else if (field === 'data')
                frame.data = frame.data === undefined ? value : `${frame.data}\n${value}`;
            }
          }
          frames.push(frame);
          waiters.splice(0).forEach((w) => w());
        }
      });
      resolve(res);
    });
    req.on('error', reject);
  });
  const next = async (predicate: (f: SseFrame) => boolean, from = 0, ms = 5000): Promise<SseFrame> => {
    const deadline = Date.now() + ms;
    for (;;) {
      const found = frames.slice(from).find(predicate);
      if (found) return found;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no matching frame; got ${JSON.stringify(frames)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  };
  const ended = opened.then((res) => new Promise<void>((resolve) => res.on('end', () => resolve())));
  return {
    opened,
    ended,
    frames,
    next,
    close: () => {
      req.destroy();
      response?.destroy();
    },
  };
}
