import type { Db } from "@dealflow/core/db/service";
import type { Clock } from "@dealflow/core/ports/clock";
import type { EventPublisher } from "@dealflow/core/ports/bus";
import type { Ctx } from "@dealflow/core/records/context";
import type { TokenVerifier, TokenClaims } from "./auth/tokens.ts";

/** What the API needs from its runtime; lambda.ts (AWS) and the local runtime each build one. */
export interface ApiDeps {
  db: Db;
  publisher: EventPublisher;
  clock: Clock;
  verifier: TokenVerifier;
  /** Present only locally: enables POST /auth/dev-login. */
  devLogin?: { issue(claims: TokenClaims): Promise<string> };
}

export interface ApiEnv {
  Variables: { ctx: Ctx };
}
