import { useMemo } from "react";
import { useSession } from "../../session/session-context.ts";
import { leadsApi } from "./leads-api.ts";

/** The typed leads calls on the signed-in client. */
export function useLeadsApi() {
  const { api } = useSession();
  return useMemo(() => leadsApi(api), [api]);
}

/** Query keys of the leads area, so mutations invalidate exactly what they changed. */
export const leadKeys = {
  all: ["leads"] as const,
  queue: (ownerId: string | undefined) => ["leads", "queue", ownerId ?? "me"] as const,
  team: (status: string | undefined, ownerId: string | undefined) => ["leads", "team", status ?? "", ownerId ?? ""] as const,
  pool: () => ["leads", "pool"] as const,
  lead: (leadId: string) => ["leads", "lead", leadId] as const,
  part: (leadId: string, part: "score" | "touches" | "marketing" | "activities" | "conversion") => ["leads", "lead", leadId, part] as const,
};
