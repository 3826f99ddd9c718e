import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ForbiddenError, UnauthenticatedError } from '../common/domain-errors';
import { PUBLIC_ROUTE, REQUIRED_ROLES } from './auth.decorators';
import { PrincipalsService } from './principals.service';
import { hasAnyRole, type Principal, type Role } from './roles';

/**
 * The global guard: every route needs a bearer token (login access token or API key) unless marked
 * @Public(); a route marked @Roles(...) also needs one of those roles. No token → 401, no role → 403.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(PrincipalsService) private readonly principals: PrincipalsService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const request = context
      .switchToHttp()
      .getRequest<{ headers: Record<string, string | undefined>; principal?: Principal }>();
    const header = request.headers['authorization'] ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match)
      throw new UnauthenticatedError(
        'Send "Authorization: Bearer <token>" with a login access token or an API key',
      );
    const principal = await this.principals.principalOf(match[1] as string);
    if (!principal) throw new UnauthenticatedError('The token is not valid or has expired');
    request.principal = principal;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    if (roles && !hasAnyRole(principal, roles)) {
      throw new ForbiddenError(`This needs one of the roles: ${roles.join(', ')}`);
    }
    return true;
  }
}
