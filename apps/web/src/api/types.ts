/**
 * Hand-written API types for /api/v1.
 * They will be replaced by openapi-typescript output generated from /api/docs-json; keep them all in this file
 * so the swap touches one import.
 */

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

export interface Me {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  office: { id: string; name: string; regionCode: string };
  region: { code: string; name: string };
}

export interface LoginRequest {
  username: string;
  password: string;
}
export interface RefreshRequest {
  refreshToken: string;
}
export interface Session {
  accessToken: string;
  refreshToken: string;
  /** seconds until the access token expires */
  expiresIn: number;
  user: Me;
}

// ---- regions & offices -----------------------------------------------------

export interface Region {
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
  hasChildren: boolean;
}

export interface Office {
  id: string;
  name: string;
  shortName: string;
  regionCode: string;
  regionName: string;
  level: RegionLevel;
  competences: Competence[];
  active: boolean;
  version: number;
}

export interface OfficeQuery extends PageQuery {
  /** offices located exactly at this region */
  regionCode?: string;
  /** offices anywhere in this region's subtree */
  within?: string;
  competence?: Competence;
  /** part of the name or short name */
  q?: string;
}
export interface CreateOfficeRequest {
  name: string;
  shortName: string;
  regionCode: string;
  competences: Competence[];
  active?: boolean;
}
export interface UpdateOfficeRequest extends Partial<CreateOfficeRequest> {
  active?: boolean;
  version: number;
}

// ---- users -----------------------------------------------------------------

export interface User {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  officeId: string;
  officeName: string;
  active: boolean;
  lockedUntil: string | null;
  lastLoginAt: string | null;
  version: number;
}

export interface UserQuery extends PageQuery {
  q?: string;
  officeId?: string;
  role?: Role;
}
export interface CreateUserRequest {
  username: string;
  displayName: string;
  password: string;
  roles: Role[];
  officeId: string;
}
export interface UpdateUserRequest {
  displayName?: string;
  roles?: Role[];
  officeId?: string;
  active?: boolean;
  password?: string;
  version: number;
}

// ---- audit -----------------------------------------------------------------

export interface AuditEvent {
  id: string;
  stream: string;
  seq: number;
  occurredAt: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  entityType: string;
  entityId: string;
  data: Record<string, unknown>;
  requestId: string | null;
  hash: string;
}

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

export interface CalendarDay {
  /** YYYY-MM-DD (a civil date in Asia/Shanghai) */
  date: string;
  kind: CalendarDayKind;
  name: string;
  source: 'package' | 'admin';
}

export interface CalendarYear {
  year: number;
  covered: boolean;
  days: CalendarDay[];
}

export interface PutCalendarDayRequest {
  kind: CalendarDayKind;
  name: string;
}
