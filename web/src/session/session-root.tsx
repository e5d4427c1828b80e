import { useCallback, useEffect, useMemo, useState, type ReactNode } from "react";
import { createApiClient, type ApiClient } from "../api/api-client.ts";
import type { AppConfig } from "../api/app-config.ts";
import { completeSignIn, logoutUrl } from "../api/hosted-ui.ts";
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

/** Where the hosted UI sends users back to: the site's root, exactly as the Auth stack registers it. */
const siteUrl = () => window.location.origin;
/** The hosted UI came back with `?code=…` or `?error=…` (before the hash). */
const isHostedUiReturn = () => /[?&](code|error)=/.test(window.location.search);

/**
 * Shows sign-in until there is a token, then loads the user's profile and renders the signed-in app. In AWS the
 * token is the Cognito ID token from the hosted UI (code + PKCE); locally it comes from the dev login.
 */
export function SessionRoot({ config, children }: { config: AppConfig; children: ReactNode }) {
  const { apiUrl, auth } = config;
  const [token, setToken] = useState<string | null>(() => sessionStore.read());
  const [ended, setEnded] = useState(false);
  const [returning, setReturning] = useState(() => auth.kind === "cognito" && !token && isHostedUiReturn());
  const [hostedError, setHostedError] = useState<unknown>(null);
  const signOut = useCallback(() => {
    sessionStore.clear();
    setToken(null);
    if (auth.kind === "cognito") window.location.assign(logoutUrl(auth, siteUrl()));
  }, [auth]);

  useEffect(() => {
    if (!returning || auth.kind !== "cognito") return;
    let current = true;
    completeSignIn(auth, siteUrl(), new URLSearchParams(window.location.search), sessionStorage)
      .then((idToken) => {
        if (!current) return;
        sessionStore.write(idToken);
        setToken(idToken);
      })
      .catch((err: unknown) => current && setHostedError(err))
      .finally(() => {
        // The code is single-use: take it out of the address bar (and history) either way.
        window.history.replaceState(null, "", `${window.location.pathname}${window.location.hash || "#/board"}`);
        if (current) setReturning(false);
      });
    return () => {
      current = false;
    };
  }, [returning, auth]);
  const expire = useCallback(() => {
    setEnded(true);
    signOut();
  }, [signOut]);
  const { t } = useI18n();
  const api = useMemo(() => createApiClient({ apiUrl, token, onUnauthorized: expire }), [apiUrl, token, expire]);
  const signIn = useCallback((next: string) => {
    sessionStore.write(next);
    setEnded(false);
    setToken(next);
  }, []);

  if (returning) return <LoadingState label={t("signIn.submitting")} fullPage />;
  if (!token) return <SignInScreen api={api} auth={auth} onSignedIn={signIn} sessionEnded={ended} hostedError={hostedError} />;
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
