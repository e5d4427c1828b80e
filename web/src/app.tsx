import { loadAppConfig } from "./api/app-config.ts";
import { AppHeader } from "./components/app-header.tsx";
import { ErrorState, LoadingState } from "./components/status-views.tsx";
import { useAsync } from "./hooks/use-async.ts";
import { useHashRoute } from "./hooks/use-hash-route.ts";
import { useI18n } from "./i18n/i18n.tsx";
import { LeadsInboxScreen } from "./screens/leads-inbox.screen.tsx";
import { PipelineBoardScreen } from "./screens/pipeline-board.screen.tsx";
import { SessionRoot } from "./session/session-root.tsx";

export function App() {
  const { t } = useI18n();
  const { state, reload } = useAsync(() => loadAppConfig(), []);
  if (state.status === "loading") return <LoadingState label={t("app.loading")} fullPage />;
  if (state.status === "error") return <ErrorState title={t("app.configError")} error={state.error} onRetry={reload} fullPage />;
  return (
    <SessionRoot apiUrl={state.data.apiUrl}>
      <SignedInApp />
    </SessionRoot>
  );
}

function SignedInApp() {
  const { route } = useHashRoute();
  return (
    <div className="app">
      <AppHeader route={route} />
      <main id="main" className="app-main" tabIndex={-1}>
        {route === "leads" ? <LeadsInboxScreen /> : <PipelineBoardScreen />}
      </main>
    </div>
  );
}
