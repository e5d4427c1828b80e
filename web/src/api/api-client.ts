import { ApiError, errorFromResponse } from "./api-error.ts";
import type { Me, Opportunity, Page, Pipeline, SignInResult, Team, TeamMember } from "./api-types.ts";

export type Query = Record<string, string | number | boolean | undefined>;

export interface ApiClientOptions {
  apiUrl: string;
  token?: string | null;
  /** Called when the API refuses the token (expired or revoked), so the app can return to sign-in. */
  onUnauthorized?: () => void;
  fetchImpl?: typeof fetch;
  /** Page size for whole-list reads; the API's ceiling by default. */
  pageSize?: number;
}

/** The API's page size ceiling; whole lists are read page by page at this size. */
export const maxPageSize = 200;

function withQuery(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== "") params.set(k, String(v));
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

export function createApiClient(opts: ApiClientOptions) {
  const fetchImpl = opts.fetchImpl ?? fetch;
  const pageSize = opts.pageSize ?? maxPageSize;

  async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: "application/json" };
    if (body !== undefined) headers["content-type"] = "application/json";
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    let res: Response;
    try {
      res = await fetchImpl(`${opts.apiUrl}${path}`, { method, headers, ...(body !== undefined && { body: JSON.stringify(body) }) });
    } catch (err) {
      throw new ApiError(0, "network", err instanceof Error ? err.message : "The API could not be reached");
    }
    if (!res.ok) {
      const error = await errorFromResponse(res);
      if (res.status === 401 && opts.token) opts.onUnauthorized?.();
      throw error;
    }
    if (res.status === 204) return undefined as T;
    const text = await res.text();
    // Downloads (CSV exports) come back as text; everything else is JSON.
    return (res.headers.get("content-type")?.includes("json") ? JSON.parse(text) : text) as T;
  }

  /** Follows cursors until the list ends, for screens that need every item (a board shows all open deals). */
  async function listAll<T>(path: string, query: Query = {}): Promise<T[]> {
    const items: T[] = [];
    let cursor: string | undefined;
    do {
      const page = await request<Page<T>>("GET", withQuery(path, { ...query, limit: pageSize, cursor }));
      items.push(...page.items);
      cursor = page.cursor ?? undefined;
    } while (cursor);
    return items;
  }

  const path = (p: string, query?: Query) => withQuery(p, query);
  return {
    /** Generic verbs for screen modules (`screens/<area>/<area>-api.ts`), which give them types and names. */
    get: <T>(p: string, query?: Query) => request<T>("GET", path(p, query)),
    post: <T>(p: string, body?: unknown, query?: Query) => request<T>("POST", path(p, query), body ?? {}),
    put: <T>(p: string, body: unknown) => request<T>("PUT", p, body),
    patch: <T>(p: string, body: unknown) => request<T>("PATCH", p, body),
    delete: <T>(p: string) => request<T>("DELETE", p),
    /** One page of a list (`{items, cursor}`). */
    page: <T>(p: string, query?: Query) => request<Page<T>>("GET", path(p, query)),
    /** Every item of a list, following cursors. */
    listAll,
    signIn: (email: string) => request<SignInResult>("POST", "/auth/dev-login", { email }),
    me: () => request<Me>("GET", "/me"),
    teamMembers: () => listAll<TeamMember>("/users"),
    teams: () => listAll<Team>("/teams"),
    pipelines: () => listAll<Pipeline>("/pipelines"),
    openDeals: (pipelineId: string) => listAll<Opportunity>("/opportunities", { status: "open", pipelineId }),
    moveDeal: (opportunityId: string, version: number, stage: string) =>
      request<Opportunity>("PATCH", `/opportunities/${encodeURIComponent(opportunityId)}`, { version, stage }),
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;
