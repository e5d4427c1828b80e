/** How users sign in: the dev login of the local stack, or the Cognito hosted UI in AWS. */
export type AuthConfig = { kind: "dev" } | { kind: "cognito"; domainUrl: string; clientId: string };

export interface AppConfig {
  apiUrl: string;
  auth: AuthConfig;
}

const str = (body: Record<string, unknown>, key: string) => (typeof body[key] === "string" && body[key] !== "" ? (body[key] as string) : undefined);

/** Reads `/config.json`'s body: the API URL, and the hosted UI's domain and client when the deployment has them. */
export function parseAppConfig(raw: unknown): AppConfig {
  const body = typeof raw === "object" && raw !== null ? (raw as Record<string, unknown>) : {};
  const apiUrl = str(body, "apiUrl");
  if (!apiUrl || !/^https?:\/\//.test(apiUrl)) throw new Error("/config.json has no valid apiUrl");
  const domainUrl = str(body, "authDomainUrl");
  const clientId = str(body, "userPoolClientId");
  const auth: AuthConfig = domainUrl && clientId ? { kind: "cognito", domainUrl: domainUrl.replace(/\/+$/, ""), clientId } : { kind: "dev" };
  return { apiUrl: apiUrl.replace(/\/+$/, ""), auth };
}
