import type { Account } from "../account/account.ts";
import type { Contact } from "../contact/contact.ts";
import type { Ctx } from "../records/context.ts";
import type { Lead } from "./lead.ts";

/** Mailbox providers: an address there says nothing about the company. */
const freeMailDomains = new Set([
  "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "live.com", "msn.com", "yahoo.com", "icloud.com", "me.com", "aol.com",
  "proton.me", "protonmail.com", "gmx.com", "mail.com", "qq.com", "foxmail.com", "163.com", "126.com", "yeah.net", "sina.com", "sina.cn",
  "sohu.com", "aliyun.com", "139.com",
]);

/** The company domain of a lead's email, unless it is a free mailbox. */
export function companyDomain(email: string | undefined): string | undefined {
  const domain = email?.split("@")[1]?.toLowerCase();
  return domain && !freeMailDomains.has(domain) ? domain : undefined;
}

export type AccountMatch = { account: Account; matchedBy: "domain" | "name" } | null;

/**
 * The team's existing account for a lead: same email domain first (the stronger signal), else the exact company
 * name. One Query of the team's accounts with a filter; no Scan.
 */
export async function matchAccount(ctx: Ctx, lead: Lead): Promise<AccountMatch> {
  const domain = companyDomain(lead.email);
  const name = lead.companyName?.trim();
  if (!domain && !name) return null;
  const { data } = await ctx.db.entities.account.query
    .byTeamName({ teamId: lead.teamId })
    .where((a, op) => [domain ? op.eq(a.domain, domain) : "", name ? op.eq(a.name, name) : ""].filter(Boolean).join(" OR "))
    .go({ pages: "all" });
  const byDomain = domain ? data.find((a) => a.domain === domain) : undefined;
  if (byDomain) return { account: byDomain, matchedBy: "domain" };
  const byName = name ? data.find((a) => a.name === name) : undefined;
  return byName ? { account: byName, matchedBy: "name" } : null;
}

/** A person already on file at the account (same email), so converting does not create a twin contact. */
export async function matchContact(ctx: Ctx, accountId: string, email: string | undefined): Promise<Contact | null> {
  if (!email) return null;
  const { data } = await ctx.db.entities.contact.query
    .byAccount({ accountId })
    .where((c, op) => op.eq(c.email, email.toLowerCase()))
    .go({ pages: "all" });
  return data[0] ?? null;
}
