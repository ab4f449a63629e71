import { http } from './http';
import type { components } from './schema';

type Schemas = components['schemas'];
export type DeadLetter = Schemas['DeadLetterResponseDto'];
export type DeadLetterPage = Schemas['DeadLetterPageDto'];

export type QueueCounts = Schemas['QueueCountsDto'];
export type QueueSnapshot = Schemas['QueueSnapshotDto'];

export const deliveriesApi = {
  queues: (signal?: AbortSignal) => http.get<QueueSnapshot>('/queues', undefined, signal),
  deadLetters: (
    q: { channel?: string; topic?: string; page: number; pageSize: number },
    signal?: AbortSignal,
  ) => http.get<DeadLetterPage>('/dead-letters', q, signal),
  deadLetter: (id: string, signal?: AbortSignal) =>
    http.get<DeadLetter>(`/dead-letters/${encodeURIComponent(id)}`, undefined, signal),
  retry: (id: string) => http.post<DeadLetter>(`/dead-letters/${encodeURIComponent(id)}/retry`, {}),
  discard: (id: string) => http.post<DeadLetter>(`/dead-letters/${encodeURIComponent(id)}/discard`, {}),
};
