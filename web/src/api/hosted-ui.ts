/**
 * Sign-in through the Cognito hosted UI: OAuth 2.0 authorization code with PKCE (RFC 7636), the flow the web
 * client of the Auth stack allows (no client secret: a browser cannot keep one). The API takes the ID token.
 */
export interface HostedUi {
  domainUrl: string;
  clientId: string;
}

/** What must survive the round trip to the hosted UI, kept for this tab only. */
export interface PendingSignIn {
  state: string;
  verifier: string;
}

interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

const pendingKey = "dealflow.pendingSignIn";

function base64Url(bytes: Uint8Array): string {
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export const randomToken = (bytes = 32) => base64Url(crypto.getRandomValues(new Uint8Array(bytes)));

/** S256 code challenge: base64url(SHA-256(verifier)). */
export async function codeChallenge(verifier: string): Promise<string> {
  return base64Url(new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier))));
}

/** The hosted UI's sign-in address for this tab's new state and verifier (stored for the way back). */
export async function authorizeUrl(ui: HostedUi, redirectUri: string, store: KeyValueStore, lang?: string): Promise<string> {
  const pending: PendingSignIn = { state: randomToken(16), verifier: randomToken(32) };
  store.setItem(pendingKey, JSON.stringify(pending));
  const params = new URLSearchParams({
    response_type: "code",
    client_id: ui.clientId,
    redirect_uri: redirectUri,
    scope: "openid email profile",
    state: pending.state,
    code_challenge_method: "S256",
    code_challenge: await codeChallenge(pending.verifier),
  });
  if (lang) params.set("lang", lang);
  return `${ui.domainUrl}/oauth2/authorize?${params}`;
}

export class HostedSignInError extends Error {
  override name = "HostedSignInError";
}

/**
 * On the way back (`?code=…&state=…`): checks the state against this tab's pending sign-in, trades the code and
 * verifier for tokens at the token endpoint and returns the ID token. The pending sign-in is used once.
 */
export async function completeSignIn(ui: HostedUi, redirectUri: string, query: URLSearchParams, store: KeyValueStore, fetchImpl: typeof fetch = fetch): Promise<string> {
  const raw = store.getItem(pendingKey);
  store.removeItem(pendingKey);
  const error = query.get("error");
  if (error) throw new HostedSignInError(query.get("error_description") ?? error);
  const pending = raw ? (JSON.parse(raw) as PendingSignIn) : null;
  const code = query.get("code");
  if (!pending || !code || query.get("state") !== pending.state) throw new HostedSignInError("This sign-in link is not the one this tab started; sign in again.");
  const res = await fetchImpl(`${ui.domainUrl}/oauth2/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "authorization_code", client_id: ui.clientId, code, redirect_uri: redirectUri, code_verifier: pending.verifier }),
  });
  const body = (await res.json().catch(() => ({}))) as { id_token?: unknown; error?: unknown };
  if (!res.ok || typeof body.id_token !== "string") throw new HostedSignInError(`The sign-in service refused the code${typeof body.error === "string" ? ` (${body.error})` : ""}.`);
  return body.id_token;
}

/** The hosted UI's sign-out, which ends its own session too and comes back to the site. */
export const logoutUrl = (ui: HostedUi, redirectUri: string) =>
  `${ui.domainUrl}/logout?${new URLSearchParams({ client_id: ui.clientId, logout_uri: redirectUri })}`;
