import { http } from './http';
import type { components } from './schema';
import type { Page, PageQuery } from './types';

type Schemas = components['schemas'];

/**
 * The generated type when `schema.d.ts` has it (after `npm run gen:api` with the webhooks controller in the API),
 * else the hand-written shape below, which mirrors libs/notifications/src/webhooks/dto/webhook-endpoint.dto.ts.
 */
type Generated<K extends string, Fallback> = Schemas extends Record<K, infer T> ? T : Fallback;

export type WebhookEndpoint = Generated<
  'WebhookEndpointResponseDto',
  {
    id: string;
    name: string;
    url: string;
    topics: string[];
    active: boolean;
    createdAt: string;
    updatedAt: string;
    version: number;
  }
>;

/** Create and rotate-secret answers: the only time the signing secret is shown. */
export type WebhookEndpointWithSecret = Generated<
  'WebhookEndpointWithSecretResponseDto',
  WebhookEndpoint & { secret: string }
>;

export type CreateWebhookRequest = Generated<
  'CreateWebhookEndpointDto',
  { name: string; url: string; topics: string[] }
>;

export type UpdateWebhookRequest = Generated<
  'UpdateWebhookEndpointDto',
  { name?: string; url?: string; topics?: string[]; active?: boolean; version: number }
>;

export type WebhookTestResult = Generated<
  'WebhookTestResultDto',
  { status: number | null; ok: boolean; durationMs: number; error?: string }
>;

export interface WebhookQuery extends PageQuery {
  topic?: string;
  active?: boolean;
}

const seg = encodeURIComponent;

export const webhooksApi = {
  list: (query: WebhookQuery, signal?: AbortSignal) =>
    http.get<Page<WebhookEndpoint>>('/webhooks', { ...query }, signal),
  get: (id: string, signal?: AbortSignal) =>
    http.get<WebhookEndpoint>(`/webhooks/${seg(id)}`, undefined, signal),
  create: (body: CreateWebhookRequest) => http.post<WebhookEndpointWithSecret>('/webhooks', body),
  update: (id: string, body: UpdateWebhookRequest) =>
    http.patch<WebhookEndpoint>(`/webhooks/${seg(id)}`, body),
  rotateSecret: (id: string) => http.post<WebhookEndpointWithSecret>(`/webhooks/${seg(id)}/rotate-secret`),
  /** Deactivates (the endpoint stays, with its history). */
  remove: (id: string) => http.delete(`/webhooks/${seg(id)}`),
  test: (id: string) => http.post<WebhookTestResult>(`/webhooks/${seg(id)}/test`),
};
