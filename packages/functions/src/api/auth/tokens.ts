import { createRemoteJWKSet, jwtVerify, SignJWT, type JWTPayload } from "jose";
import { roles, type Role } from "@dealflow/core/user/user.entity";
import { UnauthorizedError } from "@dealflow/core/errors";

/** What a verified token says about its bearer; the API then loads the user to confirm they are active. */
export interface TokenClaims {
  userId: string;
  email: string;
  role: Role;
  teamId: string;
}

export interface TokenVerifier {
  verify(token: string): Promise<TokenClaims>;
}

const rank: Record<Role, number> = { rep: 0, manager: 1, admin: 2 };

/** Cognito puts roles in `cognito:groups`; the strongest group wins. */
export function claimsFromPayload(p: JWTPayload): TokenClaims {
  const groups = [p["cognito:groups"], p.role].flat().filter((g): g is Role => roles.includes(g as Role));
  const role = groups.sort((a, b) => rank[b] - rank[a])[0];
  const teamId = p["custom:team_id"] ?? p.team_id;
  const email = p.email;
  if (!p.sub || !role || typeof teamId !== "string" || typeof email !== "string") {
    throw new UnauthorizedError("The token lacks a user, role, team or email claim");
  }
  return { userId: p.sub, email, role, teamId };
}

const DEV_ISSUER = "dealflow-local";

/** Local mode only: short-lived HS256 tokens issued by POST /auth/dev-login. */
export function devTokens(secret: string) {
  const key = new TextEncoder().encode(secret);
  return {
    async issue(c: TokenClaims, ttlSeconds = 12 * 3600): Promise<string> {
      return new SignJWT({ email: c.email, role: c.role, team_id: c.teamId })
        .setProtectedHeader({ alg: "HS256" })
        .setSubject(c.userId)
        .setIssuer(DEV_ISSUER)
        .setIssuedAt()
        .setExpirationTime(`${ttlSeconds}s`)
        .sign(key);
    },
    verifier: {
      async verify(token: string) {
        try {
          const { payload } = await jwtVerify(token, key, { issuer: DEV_ISSUER, algorithms: ["HS256"] });
          return claimsFromPayload(payload);
        } catch (err) {
          if (err instanceof UnauthorizedError) throw err;
          throw new UnauthorizedError("The token is invalid or expired; sign in again");
        }
      },
    } satisfies TokenVerifier,
  };
}

/** AWS: Cognito user-pool ID tokens, checked against the pool's published keys. */
export function cognitoVerifier(issuer: string, clientId: string): TokenVerifier {
  const jwks = createRemoteJWKSet(new URL(`${issuer}/.well-known/jwks.json`));
  return {
    async verify(token) {
      try {
        const { payload } = await jwtVerify(token, jwks, { issuer, audience: clientId });
        if (payload.token_use !== "id") throw new UnauthorizedError("Send the ID token, not the access token");
        return claimsFromPayload(payload);
      } catch (err) {
        if (err instanceof UnauthorizedError) throw err;
        throw new UnauthorizedError("The token is invalid or expired; sign in again");
      }
    },
  };
}
