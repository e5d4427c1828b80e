import { useCallback, useMemo, useState, type ReactNode } from "react";
import { createApiClient, type ApiClient } from "../api/api-client.ts";
import { isApiError } from "../api/api-error.ts";
import { sessionStore } from "../api/session-store.ts";
import { ErrorState, LoadingState } from "../components/status-views.tsx";
import { useAsync } from "../hooks/use-async.ts";
import { useI18n } from "../i18n/use-i18n.ts";
import { SignInScreen } from "../screens/sign-in.screen.tsx";
import { SessionContext, type Session } from "./session-context.ts";

async function loadProfile(api: ApiClient) {
  const [me, members, teams] = await Promise.all([api.me(), api.teamMembers(), api.teams()]);
  return { me, members, team: teams.find((t) => t.teamId === me.teamId) };
}

/** Shows sign-in until there is a token, then loads the user's profile and renders the signed-in app. */
export function SessionRoot({ apiUrl, children }: { apiUrl: string; children: ReactNode }) {
  const [token, setToken] = useState<string | null>(() => sessionStore.read());
  const [ended, setEnded] = useState(false);
  const signOut = useCallback(() => {
    sessionStore.clear();
    setToken(null);
  }, []);
  const expire = useCallback(() => {
    setEnded(true);
    signOut();
  }, [signOut]);
  const api = useMemo(() => createApiClient({ apiUrl, token, onUnauthorized: expire }), [apiUrl, token, expire]);
  const signIn = useCallback((next: string) => {
    sessionStore.write(next);
    setEnded(false);
    setToken(next);
  }, []);

  if (!token) return <SignInScreen api={api} onSignedIn={signIn} sessionEnded={ended} />;
  return (
    <Profile api={api} signOut={signOut}>
      {children}
    </Profile>
  );
}

function Profile({ api, signOut, children }: { api: ApiClient; signOut(): void; children: ReactNode }) {
  const { t } = useI18n();
  const { state, reload } = useAsync(() => loadProfile(api), [api]);
  const session = useMemo<Session | null>(() => {
    if (state.status !== "ready") return null;
    const names = new Map(state.data.members.map((m) => [m.userId, m.name]));
    return { api, ...state.data, memberName: (id) => (id ? names.get(id) : undefined), signOut };
  }, [api, state, signOut]);

  if (state.status === "loading") return <LoadingState label={t("app.loading")} fullPage />;
  if (state.status === "error" || !session) {
    const error = state.status === "error" ? state.error : undefined;
    return (
      <ErrorState title={t("app.profileError")} error={error} onRetry={reload} fullPage>
        {isApiError(error) && (
          <button type="button" className="button button--ghost" onClick={signOut}>
            {t("userMenu.signOut")}
          </button>
        )}
      </ErrorState>
    );
  }
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}
