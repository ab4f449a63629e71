import type { Actor, Role } from '@app/contracts';
import { DomainError } from '@app/domain';
import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { IS_PUBLIC, REQUIRED_ROLES } from '../decorators';

/** Global: a route with @Roles(...) needs one of them. */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(ctx: ExecutionContext): boolean {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    if (!roles?.length) return true;
    const user = ctx.switchToHttp().getRequest<{ user?: Actor }>().user;
    if (user && roles.some((r) => user.roles.includes(r))) return true;
    throw new DomainError('FORBIDDEN', `This needs one of the roles: ${roles.join(', ')}`);
  }
}
