import { http } from './http';
import { tokenStore } from './token-store';
import type {
  AuditEvent,
  AuditFilter,
  AuditQuery,
  CalendarYear,
  CreateOfficeRequest,
  CreateUserRequest,
  Me,
  Office,
  OfficeQuery,
  Page,
  PutCalendarDayRequest,
  Region,
  RegionDetail,
  Session,
  UpdateOfficeRequest,
  UpdateUserRequest,
  User,
  UserQuery,
  CalendarDay,
} from './types';

const seg = encodeURIComponent;

export const authApi = {
  login: (username: string, password: string) =>
    http.post<Session>('/auth/login', { username, password }, { auth: false }),
  /** Revokes the current refresh token (read at send time: a refresh on the way may have rotated it). */
  logout: () => http.post<void>('/auth/logout', () => ({ refreshToken: tokenStore.getRefresh() })),
  me: (signal?: AbortSignal) => http.get<Me>('/auth/me', undefined, signal),
};

export const regionsApi = {
  /** Without a parent: the provinces. */
  list: (parent?: string, signal?: AbortSignal) => http.get<Region[]>('/regions', { parent }, signal),
  get: (code: string, signal?: AbortSignal) =>
    http.get<RegionDetail>(`/regions/${seg(code)}`, undefined, signal),
};

export const officesApi = {
  list: (query: OfficeQuery, signal?: AbortSignal) =>
    http.get<Page<Office>>('/offices', { ...query }, signal),
  get: (id: string, signal?: AbortSignal) => http.get<Office>(`/offices/${seg(id)}`, undefined, signal),
  create: (body: CreateOfficeRequest) => http.post<Office>('/offices', body),
  update: (id: string, body: UpdateOfficeRequest) => http.patch<Office>(`/offices/${seg(id)}`, body),
};

export const usersApi = {
  list: (query: UserQuery, signal?: AbortSignal) => http.get<Page<User>>('/users', { ...query }, signal),
  create: (body: CreateUserRequest) => http.post<User>('/users', body),
  update: (id: string, body: UpdateUserRequest) => http.patch<User>(`/users/${seg(id)}`, body),
  unlock: (id: string) => http.post<User | void>(`/users/${seg(id)}/unlock`),
};

export const auditApi = {
  list: (query: AuditQuery, signal?: AbortSignal) =>
    http.get<Page<AuditEvent>>('/audit-events', { ...query }, signal),
  exportCsv: (filter: AuditFilter) =>
    http.download('/audit-events/export', { ...filter }, 'audit-events.csv'),
};

export const calendarApi = {
  year: (year: number, signal?: AbortSignal) => http.get<CalendarYear>('/calendar/days', { year }, signal),
  put: (date: string, body: PutCalendarDayRequest) =>
    http.put<CalendarDay | void>(`/calendar/days/${seg(date)}`, body),
  remove: (date: string) => http.delete(`/calendar/days/${seg(date)}`),
  /** The official notice for the year has been entered: stops the "no data" warning. */
  markCovered: (year: number, note?: string) =>
    http.post<unknown>(`/calendar/years/${year}/covered`, { note }),
};
