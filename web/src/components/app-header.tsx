import { NavLink } from "react-router";
import type { Me } from "../api/api-types.ts";
import { useI18n } from "../i18n/use-i18n.ts";
import { useSession } from "../session/session-context.ts";
import { LanguageSwitch } from "./language-switch.tsx";
import { UserMenu } from "./user-menu.tsx";

const navItems = [
  { to: "/board", label: "nav.board", roles: ["rep", "manager", "admin"] },
  { to: "/leads", label: "nav.leads", roles: ["rep", "manager", "admin"] },
  { to: "/dashboard", label: "nav.dashboard", roles: ["manager", "admin"] },
  { to: "/settings", label: "nav.settings", roles: ["manager", "admin"] },
] as const satisfies readonly { to: string; label: string; roles: readonly Me["role"][] }[];

export function AppHeader() {
  const { t } = useI18n();
  const { me } = useSession();
  return (
    <header className="app-header">
      <a className="skip-link" href="#main">
        {t("app.skip")}
      </a>
      <div className="brand">
        <span className="brand__mark" aria-hidden="true">D</span>
        <span className="brand__name">{t("app.name")}</span>
      </div>
      <nav className="app-nav" aria-label={t("nav.label")}>
        {navItems
          .filter((item) => (item.roles as readonly string[]).includes(me.role))
          .map((item) => (
            <NavLink key={item.to} to={item.to} className="app-nav__link">
              {t(item.label)}
            </NavLink>
          ))}
      </nav>
      <div className="app-header__tools">
        <LanguageSwitch />
        <UserMenu />
      </div>
    </header>
  );
}
