import type { Role } from '../../domain/members/roles.js';
import { hasRole } from '../../domain/members/roles.js';
import { forbidden } from '../../domain/shared/errors.js';
import { t } from '../../i18n/index.js';
import type { Middleware } from '../router.js';

/** A guard for one command or action: the sender must hold one of `roles`. */
export function requireRole(...roles: Role[]): Middleware {
  return async (ctx, next) => {
    if (!hasRole(ctx.member, ...roles))
      throw forbidden('error.forbidden_role', { roles: roles.map((r) => t(`role.${r}`)).join('、') });
    await next();
  };
}
