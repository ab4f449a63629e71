import { REGISTRY_QUERY_KEYS, RegistryCache, registryCacheKey, type CachedResponse } from '@app/credit';
import type { FastifyInstance, FastifyReply } from 'fastify';

export const REGISTRY_PATH = '/api/v1/public/credit-listings';

/**
 * Sends a registry response: a strong ETag, and `no-cache` — clients and proxies may keep it but revalidate every
 * time (a 304 while it matches), so a removed listing is never shown from a cache as current.
 */
export function sendRegistry(
  reply: FastifyReply,
  hit: CachedResponse,
  csv: boolean,
  ifNoneMatch: string | undefined,
): FastifyReply {
  reply
    .header('etag', hit.etag)
    .header('cache-control', 'public, no-cache')
    .header('content-type', csv ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8');
  if (csv) reply.header('content-disposition', 'attachment; filename="credit-listings.csv"');
  if (ifNoneMatch && ifNoneMatch.split(',').some((t) => t.trim() === hit.etag)) return reply.code(304).send();
  return reply.send(hit.body);
}

/**
 * Answers a registry query the cache holds before the request enters Nest — as a caching proxy in front of the
 * API would — so a popular query costs a map lookup, not a pass through guards, pipes and interceptors
 * (bench:registry). A miss, or any parameter the registry does not know (which the controller would refuse), goes
 * on to the controller, which fills the cache. Security headers and the request id are set by the hooks before.
 */
export function registerRegistryEdge(fastify: FastifyInstance, cache: RegistryCache): void {
  const known = new Set<string>(REGISTRY_QUERY_KEYS);
  fastify.addHook('onRequest', (req, reply, done) => {
    if (req.method !== 'GET' || !req.url.startsWith(REGISTRY_PATH)) return done();
    const q = req.url.indexOf('?');
    if ((q === -1 ? req.url : req.url.slice(0, q)) !== REGISTRY_PATH) return done();
    const params = new URLSearchParams(q === -1 ? '' : req.url.slice(q + 1));
    const query: Record<string, string> = {};
    for (const [k, v] of params) {
      if (!known.has(k) || k in query) return done();
      query[k] = v;
    }
    const hit = cache.get(registryCacheKey(query));
    if (!hit) return done();
    const ifNoneMatch = req.headers['if-none-match'];
    void sendRegistry(
      reply,
      hit,
      query.format === 'csv',
      Array.isArray(ifNoneMatch) ? ifNoneMatch[0] : ifNoneMatch,
    );
  });
}
