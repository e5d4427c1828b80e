import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { UnauthorizedError } from "@dealflow/core/errors";
import { findUserByEmail } from "@dealflow/core/user/user";
import { parse } from "@dealflow/core/records/schema";
import type { ApiDeps, ApiEnv } from "../deps.ts";
import { errorSchema, jsonBody } from "./crud.ts";

const devLoginBody = z.object({ email: z.email() }).openapi("DevLogin");

/** Local mode only: sign in as any seeded user by email, to try the app and to drive tests. */
export function devLoginRouter(deps: ApiDeps, issue: NonNullable<ApiDeps["devLogin"]>["issue"]) {
  const app = new OpenAPIHono<ApiEnv>();
  app.openAPIRegistry.registerPath(
    createRoute({
      method: "post", path: "/auth/dev-login", tags: ["Auth"], summary: "Local only: get a token for a seeded user",
      request: { body: { required: true, content: { "application/json": { schema: devLoginBody } } } },
      responses: { 200: { description: "A bearer token", content: { "application/json": { schema: z.object({ token: z.string() }) } } }, 401: { description: "Unknown or inactive user", content: { "application/json": { schema: errorSchema } } } },
    }),
  );
  app.post("/auth/dev-login", async (c) => {
    const { email } = parse(devLoginBody, await jsonBody(c));
    const user = await findUserByEmail(deps.db, email);
    if (!user || user.active === false) throw new UnauthorizedError(`No active user with email ${email}`);
    const token = await issue({ userId: user.userId, email: user.email, role: user.role, teamId: user.teamId });
    return c.json({ token, user }, 200);
  });
  return app;
}

/** Who am I: the signed-in user's profile, role and team. */
export function meRouter() {
  const app = new OpenAPIHono<ApiEnv>();
  app.openAPIRegistry.registerPath(createRoute({ method: "get", path: "/me", tags: ["Auth"], security: [{ bearer: [] }], summary: "The signed-in user", responses: { 200: { description: "The user and their role" } } }));
  app.get("/me", (c) => c.json(c.var.ctx.actor, 200));
  return app;
}
