import type { Actor, Role } from '@app/contracts';
import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'ipe:isPublic';
export const REQUIRED_ROLES = 'ipe:roles';

/** Opens a route to callers without a token (login, the public complaint form, the public registry). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** The route needs one of these roles. Routes without @Roles are open to any signed-in user. */
export const Roles = (...roles: Role[]) => SetMetadata(REQUIRED_ROLES, roles);

/** The signed-in user as an Actor. */
export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  return ctx.switchToHttp().getRequest<{ user: Actor }>().user;
});
