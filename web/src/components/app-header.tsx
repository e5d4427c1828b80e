import type { Route } from "../hooks/use-hash-route.ts";
import { useI18n } from "../i18n/i18n.tsx";
import { LanguageSwitch } from "./language-switch.tsx";
import { UserMenu } from "./user-menu.tsx";

const navItems = [
  { route: "board", label: "nav.board" },
  { route: "leads", label: "nav.leads" },
] as const;

export function AppHeader({ route }: { route: Route }) {
  const { t } = useI18n();
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
        {navItems.map((item) => (
          <a key={item.route} href={`#/${item.route}`} className="app-nav__link" aria-current={route === item.route ? "page" : undefined}>
            {t(item.label)}
          </a>
        ))}
      </nav>
      <div className="app-header__tools">
        <LanguageSwitch />
        <UserMenu />
      </div>
    </header>
  );
}
