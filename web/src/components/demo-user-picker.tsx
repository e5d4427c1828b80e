import { demoUsers } from "../api/demo-users.ts";
import { useI18n } from "../i18n/use-i18n.ts";

/** One-click choice of a seeded demo account; it fills the email field, signing in stays a separate step. */
export function DemoUserPicker({ selected, onPick }: { selected: string; onPick(email: string): void }) {
  const { t } = useI18n();
  return (
    <fieldset className="quick-pick">
      <legend>{t("signIn.quickPick")}</legend>
      <ul>
        {demoUsers.map((u) => (
          <li key={u.email}>
            <button type="button" className={`quick-pick__user${u.email === selected ? " is-selected" : ""}`} aria-pressed={u.email === selected} onClick={() => onPick(u.email)}>
              <span className="avatar" aria-hidden="true">{u.name.slice(0, 1)}</span>
              <span className="quick-pick__text">
                <span className="quick-pick__name">{u.name}</span>
                <span className="quick-pick__meta">{`${t(`role.${u.role}`)} · ${t(`team.${u.team}`)}`}</span>
              </span>
              <span className="quick-pick__email">{u.email}</span>
            </button>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
