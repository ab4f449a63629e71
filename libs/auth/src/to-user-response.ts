import type { MeResponseDto } from './dto/auth.dto';
import type { UserResponseDto } from './dto/user.dto';
import type { UserWithOffice } from './user.repository';

export function toUserResponse(u: UserWithOffice): UserResponseDto {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    roles: u.roles,
    officeId: u.officeId,
    officeName: u.officeName,
    regionCode: u.regionCode,
    active: u.active,
    lockedUntil: u.lockedUntil && u.lockedUntil > new Date() ? u.lockedUntil.toISOString() : null,
    lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
    version: u.version,
  };
}

export function toMeResponse(u: UserWithOffice): MeResponseDto {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    roles: u.roles,
    office: { id: u.officeId, name: u.officeName, regionCode: u.regionCode },
    region: { code: u.regionCode, name: u.regionName },
  };
}
