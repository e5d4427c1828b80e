import type { MiddlewareHandler } from "hono";
import { ForbiddenError, UnauthorizedError } from "@dealflow/core/errors";
import { findUser } from "@dealflow/core/user/user";
import type { ApiDeps, ApiEnv } from "../deps.ts";

/**
 * Every route after this needs a bearer token. The token names the user; the stored user record must exist and
 * be active, so deactivating someone locks them out at once, whatever their token says.
 */
export function requireAuth(deps: ApiDeps): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const header = c.req.header("authorization") ?? "";
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match?.[1]) throw new UnauthorizedError();
    const claims = await deps.verifier.verify(match[1]);
    const user = await findUser(deps.db, claims.userId);
    if (!user) throw new UnauthorizedError("This account is not a Dealflow user");
    if (user.active === false) throw new ForbiddenError("This account is deactivated");
    c.set("ctx", { db: deps.db, publisher: deps.publisher, clock: deps.clock, actor: { userId: user.userId, email: user.email, role: user.role, teamId: user.teamId } });
    await next();
  };
}
