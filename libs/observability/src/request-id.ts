import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const SAFE_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const KEY = Symbol.for('ipe.requestId');

/**
 * The request's correlation id: the caller's `x-request-id` when it is a safe token, else a new UUID.
 * Memoised on the raw request so the logger, CLS and the response header agree whichever runs first.
 */
export function requestIdOf(req: IncomingMessage): string {
  const holder = req as IncomingMessage & { [KEY]?: string };
  if (holder[KEY]) return holder[KEY];
  const header = req.headers['x-request-id'];
  const given = Array.isArray(header) ? header[0] : header;
  const id = given && SAFE_ID.test(given) ? given : randomUUID();
  holder[KEY] = id;
  return id;
}
