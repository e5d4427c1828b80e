import { describe, expect, it } from "vitest";
import { parseAppConfig } from "../../web/src/api/app-config.ts";
import { authorizeUrl, codeChallenge, completeSignIn, HostedSignInError, logoutUrl } from "../../web/src/api/hosted-ui.ts";

const ui = { domainUrl: "https://dealflow-prod-1a2b.auth.ap-east-1.amazoncognito.com", clientId: "client123" };
const site = "https://d111111abcdef8.cloudfront.net";

function memoryStore() {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), removeItem: (k: string) => void m.delete(k), size: () => m.size };
}

/** The token endpoint as the client calls it: records the request and answers like Cognito does. */
function tokenEndpoint(answer: { status: number; body: unknown }) {
  const calls: { url: string; init: RequestInit | undefined }[] = [];
  const fetchImpl = (async (url: string, init?: RequestInit) => {
    calls.push({ url, init });
    return new Response(JSON.stringify(answer.body), { status: answer.status, headers: { "content-type": "application/json" } });
  }) as typeof fetch;
  return { calls, fetchImpl };
}

describe("Cognito hosted UI sign-in (code + PKCE)", () => {
  it("derives the S256 challenge of RFC 7636's own example", async () => {
    expect(await codeChallenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")).toBe("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
  });

  it("sends the user to the hosted UI with the client, the site as redirect, a fresh state and the challenge of the stored verifier", async () => {
    const store = memoryStore();
    const url = new URL(await authorizeUrl(ui, site, store, "zh-CN"));
    expect(`${url.origin}${url.pathname}`).toBe(`${ui.domainUrl}/oauth2/authorize`);
    const p = url.searchParams;
    expect(Object.fromEntries(p)).toMatchObject({ response_type: "code", client_id: "client123", redirect_uri: site, scope: "openid email profile", code_challenge_method: "S256", lang: "zh-CN" });
    const pending = JSON.parse(store.getItem("dealflow.pendingSignIn") ?? "{}") as { state: string; verifier: string };
    expect(p.get("state")).toBe(pending.state);
    expect(pending.verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(p.get("code_challenge")).toBe(await codeChallenge(pending.verifier));
    // A second sign-in gets a new state: a link from another attempt is not accepted.
    const again = new URL(await authorizeUrl(ui, site, store));
    expect(again.searchParams.get("state")).not.toBe(p.get("state"));
  });

  it("trades the code and verifier for the ID token on the way back, once", async () => {
    const store = memoryStore();
    const state = new URL(await authorizeUrl(ui, site, store)).searchParams.get("state") ?? "";
    const { verifier } = JSON.parse(store.getItem("dealflow.pendingSignIn") ?? "{}") as { verifier: string };
    const endpoint = tokenEndpoint({ status: 200, body: { id_token: "id.jwt.token", access_token: "access", token_type: "Bearer" } });
    const token = await completeSignIn(ui, site, new URLSearchParams({ code: "abc", state }), store, endpoint.fetchImpl);
    expect(token).toBe("id.jwt.token");
    expect(endpoint.calls).toHaveLength(1);
    expect(endpoint.calls[0]?.url).toBe(`${ui.domainUrl}/oauth2/token`);
    const form = new URLSearchParams(String(endpoint.calls[0]?.init?.body));
    expect(Object.fromEntries(form)).toEqual({ grant_type: "authorization_code", client_id: "client123", code: "abc", redirect_uri: site, code_verifier: verifier });
    expect(store.size()).toBe(0);
    // Replaying the same return link finds no pending sign-in.
    await expect(completeSignIn(ui, site, new URLSearchParams({ code: "abc", state }), store, endpoint.fetchImpl)).rejects.toBeInstanceOf(HostedSignInError);
  });

  it("refuses a return whose state this tab did not start, without calling the token endpoint", async () => {
    const store = memoryStore();
    await authorizeUrl(ui, site, store);
    const endpoint = tokenEndpoint({ status: 200, body: { id_token: "x" } });
    await expect(completeSignIn(ui, site, new URLSearchParams({ code: "abc", state: "forged" }), store, endpoint.fetchImpl)).rejects.toThrow(/not the one this tab started/);
    expect(endpoint.calls).toHaveLength(0);
  });

  it("reports the hosted UI's own error and a refused code", async () => {
    const store = memoryStore();
    await expect(completeSignIn(ui, site, new URLSearchParams({ error: "access_denied", error_description: "User is disabled" }), store)).rejects.toThrow("User is disabled");
    const state = new URL(await authorizeUrl(ui, site, store)).searchParams.get("state") ?? "";
    const refused = tokenEndpoint({ status: 400, body: { error: "invalid_grant" } });
    await expect(completeSignIn(ui, site, new URLSearchParams({ code: "old", state }), store, refused.fetchImpl)).rejects.toThrow("invalid_grant");
  });

  it("signs out through the hosted UI back to the site", () => {
    expect(logoutUrl(ui, site)).toBe(`${ui.domainUrl}/logout?client_id=client123&logout_uri=${encodeURIComponent(site)}`);
  });
});

describe("/config.json", () => {
  it("selects the hosted UI when the deployment wrote its domain and client, the dev login otherwise", () => {
    expect(parseAppConfig({ apiUrl: "https://api.example.com/", region: "ap-east-1", userPoolId: "p", userPoolClientId: "c", authDomainUrl: `${ui.domainUrl}/` })).toEqual({
      apiUrl: "https://api.example.com",
      auth: { kind: "cognito", domainUrl: ui.domainUrl, clientId: "c" },
    });
    expect(parseAppConfig({ apiUrl: "http://127.0.0.1:4000" })).toEqual({ apiUrl: "http://127.0.0.1:4000", auth: { kind: "dev" } });
    expect(() => parseAppConfig({ apiUrl: "ftp://x" })).toThrow(/apiUrl/);
  });
});
