import { useId } from "react";
import { useTranslation } from "react-i18next";
import { Link, Route, Routes, useLocation, useNavigate, useSearchParams } from "react-router";
import { useSession } from "../../session/session-context.ts";
import { AssignmentSection } from "./assignment.section.tsx";
import { CurrencySection } from "./currency.section.tsx";
import { LostReasonsSection } from "./lost-reasons.section.tsx";
import { PipelinesSection } from "./pipelines.section.tsx";
import { QuotasSection } from "./quotas.section.tsx";
import { ScoringSection } from "./scoring.section.tsx";
import { TeamsSection } from "./teams.section.tsx";
import { WebFormsSection } from "./web-forms.section.tsx";
import "../../styles/settings.css";

const sections = [
  { path: "pipelines", label: "settings.nav.pipelines", element: <PipelinesSection /> },
  { path: "scoring", label: "settings.nav.scoring", element: <ScoringSection /> },
  { path: "assignment", label: "settings.nav.assignment", element: <AssignmentSection /> },
  { path: "teams", label: "settings.nav.teams", element: <TeamsSection /> },
  { path: "web-forms", label: "settings.nav.webForms", element: <WebFormsSection /> },
  { path: "lost-reasons", label: "settings.nav.lostReasons", element: <LostReasonsSection /> },
  { path: "quotas", label: "settings.nav.quotas", element: <QuotasSection /> },
  { path: "currency", label: "settings.nav.currency", element: <CurrencySection /> },
] as const;

/**
 * `#/settings/<section>`: a section list (left at desktop widths, a select on phones) and one section at a time.
 * `#/settings` itself shows the first section. Admins see everything; managers see what the API shows a manager
 * (its 403s are shown politely in place); reps are not offered settings and get a polite refusal if they type it.
 */
export function SettingsScreen() {
  const { t } = useTranslation("settings");
  const { me } = useSession();
  if (me.role === "rep") {
    return (
      <div className="screen screen--settings">
        <h1>{t("settings.title")}</h1>
        <div className="settings-alert settings-alert--info" role="alert">
          <strong>{t("settings.notAllowedTitle")}</strong> <span>{t("settings.notAllowed")}</span>
        </div>
      </div>
    );
  }
  return (
    <div className="screen screen--settings">
      <h1>{t("settings.title")}</h1>
      <div className="settings-layout">
        <SectionNav />
        <div className="settings-content">
          <Routes>
            <Route index element={sections[0].element} />
            {sections.map((s) => (
              <Route key={s.path} path={s.path} element={s.element} />
            ))}
            <Route path="*" element={sections[0].element} />
          </Routes>
        </div>
      </div>
    </div>
  );
}

function SectionNav() {
  const { t } = useTranslation("settings");
  const location = useLocation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const id = useId();
  const current = sections.find((s) => location.pathname.startsWith(`/settings/${s.path}`)) ?? sections[0];
  // The chosen team travels with the section, so an admin comparing a team's settings keeps it in view.
  const team = params.get("team");
  const to = (path: string) => `/settings/${path}${team ? `?team=${encodeURIComponent(team)}` : ""}`;
  return (
    <>
      <nav className="settings-nav" aria-label={t("settings.nav.label")}>
        <ul>
          {sections.map((s) => (
            <li key={s.path}>
              <Link to={to(s.path)} className="settings-nav__link" aria-current={s === current ? "page" : undefined}>
                {t(s.label)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <div className="settings-nav-select field">
        <label className="field__label" htmlFor={id}>
          {t("settings.nav.label")}
        </label>
        <select id={id} value={current.path} onChange={(e) => void navigate(to(e.target.value))}>
          {sections.map((s) => (
            <option key={s.path} value={s.path}>
              {t(s.label)}
            </option>
          ))}
        </select>
      </div>
    </>
  );
}
