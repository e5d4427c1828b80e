import type { Db } from "../db/service.ts";
import type { Clock } from "../ports/clock.ts";
import type { EventPublisher } from "../ports/bus.ts";
import type { Role } from "../user/user.entity.ts";

/** Who is calling, as established by the API's token check. */
export interface Principal {
  userId: string;
  email: string;
  role: Role;
  teamId: string;
}

/** Everything a domain function needs, injected: storage, bus, clock and the caller. */
export interface Ctx {
  db: Db;
  publisher: EventPublisher;
  clock: Clock;
  actor: Principal;
  newId?: () => string;
}

/** The system acts for consumers and seeding; it is an admin of no particular team. */
export const systemPrincipal: Principal = { userId: "system", email: "system@dealflow.local", role: "admin", teamId: "system" };

export function newId(ctx: Ctx): string {
  return ctx.newId ? ctx.newId() : crypto.randomUUID();
}
