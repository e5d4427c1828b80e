import type { Db } from "../db/service.ts";
import { getRecord, type RecordKind } from "../records/record-writer.ts";
import type { User } from "../user/user.ts";
import type { notificationSubjects } from "./notification.entity.ts";

export type SubjectType = (typeof notificationSubjects)[number];
type Locale = "en" | "zh-CN";

const subjectKinds: Record<SubjectType, RecordKind> = {
  lead: { type: "lead", entity: "lead", idField: "leadId" },
  account: { type: "account", entity: "account", idField: "accountId" },
  opportunity: { type: "opportunity", entity: "opportunity", idField: "opportunityId" },
};
const webSegments: Record<SubjectType, string> = { lead: "leads", account: "accounts", opportunity: "deals" };

/** Where the record opens in the web client (hash routes), relative to the app URL. */
export function subjectPath(type: SubjectType, id: string): string {
  return `/#/${webSegments[type]}/${encodeURIComponent(id)}`;
}

/** The record's display name, for texts; its id if it has gone. */
export async function subjectName(db: Db, type: SubjectType, id: string): Promise<string> {
  const record = await getRecord(db, subjectKinds[type], id);
  return typeof record?.name === "string" ? record.name : id;
}

// Mail subjects must be one line; names and titles are user text.
const oneLine = (s: string) => s.replace(/\s+/g, " ").trim();

function localeOf(user: User): Locale {
  return user.locale === "zh-CN" ? "zh-CN" : "en";
}

const openLabel: Record<Locale, string> = { en: "Open in Dealflow", "zh-CN": "在 Dealflow 中打开" };

export function mentionText(recipient: User, p: { author: string; subject: string; title: string; body?: string | undefined }) {
  const zh = localeOf(recipient) === "zh-CN";
  const headline = zh ? `${p.author} 在「${p.subject}」中提到了你` : `${p.author} mentioned you on ${p.subject}`;
  const text = `${headline}${zh ? "：" : ": "}${p.title}`;
  return { text, mailSubject: oneLine(headline), paragraphs: [text, ...(p.body ? [p.body] : [])], linkLabel: openLabel[localeOf(recipient)] };
}

export function taskDueText(recipient: User, p: { title: string; subject: string; dueAt: string }) {
  const zh = localeOf(recipient) === "zh-CN";
  const text = zh ? `任务到期：「${p.title}」（${p.subject}），截止 ${p.dueAt}` : `Task due: "${p.title}" on ${p.subject}, due ${p.dueAt}`;
  const mailSubject = oneLine(zh ? `任务到期：${p.title}` : `Task due: ${p.title}`);
  return { text, mailSubject, paragraphs: [text], linkLabel: openLabel[localeOf(recipient)] };
}
