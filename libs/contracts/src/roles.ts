/** Roles of the people who use the system. */
export const ROLES = ['operator', 'officer', 'supervisor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** What an office may enforce (and public-security liaison for criminal transfers). */
export const COMPETENCES = ['patent', 'trademark', 'copyright', 'plant_variety', 'public_security'] as const;
export type Competence = (typeof COMPETENCES)[number];

export type RegionLevel = 'province' | 'city' | 'county';

/** Who is acting: carried from the JWT into services, the audit log and the scope policy. */
export interface Actor {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  officeId: string;
  /** GB/T 2260 code of the actor's office region; the root of what the actor may see. */
  regionCode: string;
}

/** The system itself (scheduled jobs, seeds). */
export const SYSTEM_ACTOR: Actor = {
  id: '00000000-0000-0000-0000-000000000000',
  username: 'system',
  displayName: '系统',
  roles: ['admin'],
  officeId: '00000000-0000-0000-0000-000000000000',
  regionCode: '000000',
};

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}
