import { useCallback, useState } from "react";
import type { Lead, LeadStatus, Page } from "../api/api-types.ts";
import { useSession } from "../session/session-context.ts";
import { useAsync } from "./use-async.ts";

/** The team's leads, one page at a time (an inbox can hold thousands), filtered by status on the server. */
export function useLeadsInbox(status: LeadStatus | undefined) {
  const { api } = useSession();
  const { state, setState, reload } = useAsync<Page<Lead>>(() => api.leadsPage({ status }), [api, status]);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<unknown>(null);

  const loadMore = useCallback(async () => {
    if (state.status !== "ready" || !state.data.cursor) return;
    setLoadingMore(true);
    setMoreError(null);
    try {
      const next = await api.leadsPage({ status, cursor: state.data.cursor });
      setState((s) => (s.status === "ready" ? { status: "ready", data: { items: [...s.data.items, ...next.items], cursor: next.cursor } } : s));
    } catch (err) {
      setMoreError(err);
    } finally {
      setLoadingMore(false);
    }
  }, [api, state, status, setState]);

  return { state, reload, loadMore: () => void loadMore(), loadingMore, moreError };
}
