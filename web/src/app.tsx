import { lazy, Suspense, type ComponentType } from "react";
import { HashRouter, Navigate, Route, Routes } from "react-router";
import { parseAppConfig, type AppConfig } from "./api/app-config.ts";
import { AppHeader } from "./components/app-header.tsx";
import { ErrorState, LoadingState } from "./components/status-views.tsx";
import { useAsync } from "./hooks/use-async.ts";
import { useI18n } from "./i18n/use-i18n.ts";
import { BoardScreen } from "./screens/board/board.screen.tsx";
import { SessionRoot } from "./session/session-root.tsx";

/** Screens other than the board load on first visit, so a rep's first load carries no chart or graph code. */
const lazyScreen = <K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) =>
  lazy(async () => ({ default: (await load())[name] }));
const DealScreen = lazyScreen(() => import("./screens/deal/deal.screen.tsx"), "DealScreen");
const LeadsScreen = lazyScreen(() => import("./screens/leads/leads.screen.tsx"), "LeadsScreen");
const DashboardScreen = lazyScreen(() => import("./screens/dashboard/dashboard.screen.tsx"), "DashboardScreen");
const SettingsScreen = lazyScreen(() => import("./screens/settings/settings.screen.tsx"), "SettingsScreen");

/** The server that hosts the client says where the API is, so one build runs against any API URL. */
async function loadAppConfig(): Promise<AppConfig> {
  const res = await fetch("/config.json", { cache: "no-store" });
  if (!res.ok) throw new Error(`/config.json answered ${res.status}`);
  return parseAppConfig(await res.json());
}

export function App() {
  const { t } = useI18n();
  const { state, reload } = useAsync(() => loadAppConfig(), []);
  if (state.status === "loading") return <LoadingState label={t("app.loading")} fullPage />;
  if (state.status === "error") return <ErrorState title={t("app.configError")} error={state.error} onRetry={reload} fullPage />;
  return (
    <HashRouter>
      <SessionRoot config={state.data}>
        <SignedInApp />
      </SessionRoot>
    </HashRouter>
  );
}

/**
 * Routes live in the hash (`#/deals/…`), so the static site needs no rewrite rules and a reload keeps the screen.
 * Filters are search params inside the hash (`#/board?owner=…`).
 */
function SignedInApp() {
  const { t } = useI18n();
  return (
    <div className="app">
      <AppHeader />
      <main id="main" className="app-main" tabIndex={-1}>
        <Suspense fallback={<LoadingState label={t("app.loading")} />}>
          <Routes>
            <Route path="/" element={<Navigate to="/board" replace />} />
            <Route path="/board" element={<BoardScreen />} />
            <Route path="/deals/:dealId" element={<DealScreen />} />
            <Route path="/leads/*" element={<LeadsScreen />} />
            <Route path="/dashboard/*" element={<DashboardScreen />} />
            <Route path="/settings/*" element={<SettingsScreen />} />
            <Route path="*" element={<Navigate to="/board" replace />} />
          </Routes>
        </Suspense>
      </main>
    </div>
  );
}
