export interface AppConfig {
  apiUrl: string;
}

/** The server that hosts the client says where the API is, so one build runs against any API URL. */
export async function loadAppConfig(fetchImpl: typeof fetch = fetch): Promise<AppConfig> {
  const res = await fetchImpl("/config.json", { cache: "no-store" });
  if (!res.ok) throw new Error(`/config.json answered ${res.status}`);
  const body: unknown = await res.json();
  const apiUrl = typeof body === "object" && body !== null ? (body as { apiUrl?: unknown }).apiUrl : undefined;
  if (typeof apiUrl !== "string" || !/^https?:\/\//.test(apiUrl)) throw new Error("/config.json has no valid apiUrl");
  return { apiUrl: apiUrl.replace(/\/+$/, "") };
}
