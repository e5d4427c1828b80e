/**
 * Per-stage settings, read once from the deploying shell's environment so nothing account-specific is committed.
 * `DEALFLOW_MAIL_FROM` is the sender: an address (`noreply@acme.com`, verified as an address) or a bare domain
 * (`acme.com`, verified as a domain; mail goes out as `noreply@acme.com`).
 */
export interface StageSettings {
  readonly stage: string;
  /** Stateful resources (table, user pool) survive `sst remove` unless the stage is disposable. */
  readonly retainData: boolean;
  readonly mail: { readonly from: string; readonly identity: MailIdentity };
  /** Folder of the web client (its package.json has a `build` script writing `dist/`). */
  readonly webDir: string;
  /** Optional address subscribed to the alarm topic. */
  readonly alarmEmail: string | undefined;
}

export type MailIdentity = { readonly kind: "email" | "domain"; readonly value: string };

export const settingNames = {
  mailFrom: "DEALFLOW_MAIL_FROM",
  alarmEmail: "DEALFLOW_ALARM_EMAIL",
  webDir: "DEALFLOW_WEB_DIR",
} as const;

const disposableStages = new Set(["dev"]);
const placeholderSender = "noreply@example.com";

export function stageSettings(stage: string, env: NodeJS.ProcessEnv = process.env): StageSettings {
  return {
    stage,
    retainData: !disposableStages.has(stage),
    mail: parseSender(env[settingNames.mailFrom] || placeholderSender),
    webDir: env[settingNames.webDir] || "web",
    alarmEmail: env[settingNames.alarmEmail] || undefined,
  };
}

export function parseSender(value: string): StageSettings["mail"] {
  const sender = value.trim().toLowerCase();
  const domainPattern = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
  const at = sender.lastIndexOf("@");
  if (at < 0) {
    if (!domainPattern.test(sender)) throw new Error(`${settingNames.mailFrom}: "${value}" is not a domain`);
    return { from: `noreply@${sender}`, identity: { kind: "domain", value: sender } };
  }
  const local = sender.slice(0, at);
  const domain = sender.slice(at + 1);
  if (!/^[a-z0-9!#$%&'*+/=?^_`{|}~.-]+$/.test(local) || !domainPattern.test(domain)) {
    throw new Error(`${settingNames.mailFrom}: "${value}" is not an e-mail address`);
  }
  return { from: sender, identity: { kind: "email", value: sender } };
}
