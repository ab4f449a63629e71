/**
 * API types for /api/v1. Request and response bodies come from `schema.d.ts`, generated from the server's OpenAPI
 * document (`npm run gen:api`; a test fails when it is stale), so the UI and the API cannot drift apart. Query
 * strings and the problem shape are written here.
 */
import type { components } from './schema';

type Schemas = components['schemas'];

export type Role = 'operator' | 'officer' | 'supervisor' | 'admin';
export const ROLES: readonly Role[] = ['operator', 'officer', 'supervisor', 'admin'];

export type Competence = 'patent' | 'trademark' | 'copyright' | 'plant_variety' | 'public_security';
export const COMPETENCES: readonly Competence[] = [
  'patent',
  'trademark',
  'copyright',
  'plant_variety',
  'public_security',
];

export type RegionLevel = 'province' | 'city' | 'county';

/** RFC 9457 problem details. `title` is in the language of the request's `Accept-Language`. */
export interface FieldError {
  field: string;
  message: string;
}
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  code?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface PageQuery {
  page?: number;
  pageSize?: number;
}

// ---- auth ----------------------------------------------------------------

export type Me = Schemas['MeResponseDto'];

export type LoginRequest = Schemas['LoginDto'];
export type RefreshRequest = Schemas['RefreshDto'];
export type Session = Schemas['SessionResponseDto'];

// ---- regions & offices -----------------------------------------------------

export type Region = Schemas['RegionResponseDto'];

export type Office = Schemas['OfficeResponseDto'];

export interface OfficeQuery extends PageQuery {
  /** offices located exactly at this region */
  regionCode?: string;
  /** offices anywhere in this region's subtree */
  within?: string;
  competence?: Competence;
  /** part of the name or short name */
  q?: string;
}
export type CreateOfficeRequest = Schemas['CreateOfficeDto'];
export type UpdateOfficeRequest = Schemas['UpdateOfficeDto'];

// ---- users -----------------------------------------------------------------

export type User = Schemas['UserResponseDto'];

export interface UserQuery extends PageQuery {
  q?: string;
  officeId?: string;
  role?: Role;
}
export type CreateUserRequest = Schemas['CreateUserDto'];
export type UpdateUserRequest = Schemas['UpdateUserDto'];

// ---- audit -----------------------------------------------------------------

export type AuditEvent = Schemas['AuditEventResponseDto'];

export interface AuditFilter {
  actor?: string;
  stream?: string;
  action?: string;
  /** YYYY-MM-DD (whole day in Asia/Shanghai) or an ISO 8601 instant; inclusive */
  from?: string;
  /** YYYY-MM-DD (inclusive, whole day in Asia/Shanghai) or an ISO 8601 instant (exclusive) */
  to?: string;
}
export interface AuditQuery extends AuditFilter, PageQuery {}

// ---- working calendar ------------------------------------------------------

export type CalendarDayKind = 'holiday' | 'workday';

export type CalendarDay = Schemas['CalendarDayResponseDto'];

export type CalendarYear = Schemas['CalendarYearResponseDto'];

export type PutCalendarDayRequest = Schemas['SetCalendarDayDto'];
