import { REGISTRY_QUERY_KEYS, RegistryCache, registryCacheKey, type CachedResponse } from '@app/credit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

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
 * Answers a registry query the cache holds at the very start of the request — before Nest's middleware, guards,
 * pipes and interceptors, as a caching proxy in front of the API would — so a popular query costs a map lookup
 * (bench:registry). A miss, or any parameter the registry does not know (which the controller would refuse), goes
 * on to the controller, which fills the cache. Registered on the adapter's Fastify instance before Nest adds its
 * middleware (`attach` gives it the cache once the application exists); a hit sets the request id and nosniff
 * itself, and is not in the request log — the registry's misses and every other request are.
 */
export function registryEdge(requestIdOf: (req: FastifyRequest['raw']) => string) {
  const known = new Set<string>(REGISTRY_QUERY_KEYS);
  let cache: RegistryCache | null = null;
  return {
    attach(c: RegistryCache): void {
      cache = c;
    },
    register(fastify: FastifyInstance): void {
      fastify.addHook('onRequest', (req, reply, done) => {
        if (!cache || req.method !== 'GET' || !req.url.startsWith(REGISTRY_PATH)) return done();
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
        reply.header('x-request-id', requestIdOf(req.raw)).header('x-content-type-options', 'nosniff');
        void sendRegistry(
          reply,
          hit,
          query.format === 'csv',
          Array.isArray(ifNoneMatch) ? ifNoneMatch[0] : ifNoneMatch,
        );
      });
    },
  };
}
