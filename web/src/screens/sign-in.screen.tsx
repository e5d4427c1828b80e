import { useId, useState, type FormEvent } from "react";
import type { ApiClient } from "../api/api-client.ts";
import type { AuthConfig } from "../api/app-config.ts";
import { authorizeUrl, HostedSignInError } from "../api/hosted-ui.ts";
import { demoUsers } from "../api/demo-users.ts";
import { DemoUserPicker } from "../components/demo-user-picker.tsx";
import { LanguageSwitch } from "../components/language-switch.tsx";
import { describeError } from "../i18n/describe-error.ts";
import { useI18n } from "../i18n/use-i18n.ts";

interface SignInProps {
  api: ApiClient;
  auth: AuthConfig;
  onSignedIn(token: string): void;
  sessionEnded: boolean;
  /** Why the last hosted-UI round trip failed, if it did. */
  hostedError: unknown;
}

export function SignInScreen({ api, auth, onSignedIn, sessionEnded, hostedError }: SignInProps) {
  const { t, locale } = useI18n();
  const [email, setEmail] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const ids = { email: useId(), list: useId() };

  const hosted = auth.kind === "cognito";
  const shown = error ?? hostedError;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (auth.kind === "cognito") {
      setBusy(true);
      window.location.assign(await authorizeUrl(auth, window.location.origin, sessionStorage, locale === "zh-CN" ? "zh-CN" : "en"));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const { token } = await api.signIn(email.trim());
      onSignedIn(token);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  return (
    <main className="sign-in">
      <div className="sign-in__lang">
        <LanguageSwitch />
      </div>
      <form className="sign-in__card" onSubmit={submit} aria-labelledby={`${ids.email}-title`}>
        <div className="brand brand--large" aria-hidden="true">
          <span className="brand__mark">D</span>
          {t("app.name")}
        </div>
        <h1 id={`${ids.email}-title`}>{t("signIn.title")}</h1>
        <p className="muted">{t(hosted ? "signIn.subtitleHosted" : "signIn.subtitle")}</p>
        {sessionEnded && <p className="notice">{t("signIn.sessionEnded")}</p>}
        {shown !== null && (
          <div className="alert alert--error" role="alert">
            <strong>{t("signIn.failed")}</strong> {shown instanceof HostedSignInError ? shown.message : describeError(shown, t)}
          </div>
        )}
        {hosted ? (
          <button type="submit" className="button button--primary button--block" disabled={busy}>
            {busy ? t("signIn.redirecting") : t("signIn.hosted")}
          </button>
        ) : (
          <>
            <label className="field" htmlFor={ids.email}>
              <span className="field__label">{t("signIn.email")}</span>
              <input id={ids.email} type="email" name="email" required autoComplete="email" list={ids.list} placeholder={t("signIn.emailPlaceholder")} value={email} onChange={(e) => setEmail(e.target.value)} />
            </label>
            <datalist id={ids.list}>
              {demoUsers.map((u) => (
                <option key={u.email} value={u.email}>{`${u.name} · ${t(`role.${u.role}`)}`}</option>
              ))}
            </datalist>
            <button type="submit" className="button button--primary button--block" disabled={busy || email.trim() === ""}>
              {busy ? t("signIn.submitting") : t("signIn.submit")}
            </button>
            <DemoUserPicker selected={email} onPick={setEmail} />
          </>
        )}
      </form>
    </main>
  );
}
