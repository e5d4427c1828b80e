import { createContext, useContext } from "react";
import type { ApiClient } from "../api/api-client.ts";
import type { Me, Team, TeamMember } from "../api/api-types.ts";

/** Everything a signed-in screen needs: an authenticated client, who the user is, and their team directory. */
export interface Session {
  api: ApiClient;
  me: Me;
  team: Team | undefined;
  members: readonly TeamMember[];
  memberName(userId: string | undefined): string | undefined;
  signOut(): void;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error("useSession must be used inside a signed-in screen");
  return session;
}
