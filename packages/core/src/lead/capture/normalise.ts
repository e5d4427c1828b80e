import { parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js/max";
import { ValidationError } from "../../errors.ts";
import type { LeadKeyKind } from "./lead-key.entity.ts";

/** Countries of the time zones teams are set up with; a team elsewhere gets the default (CN). */
const zoneCountries: Record<string, CountryCode> = {
  "Asia/Shanghai": "CN", "Asia/Chongqing": "CN", "Asia/Urumqi": "CN", "Asia/Hong_Kong": "HK", "Asia/Macau": "MO", "Asia/Taipei": "TW",
  "Asia/Singapore": "SG", "Asia/Tokyo": "JP", "Asia/Seoul": "KR", "Asia/Kolkata": "IN", "Asia/Dubai": "AE", "Asia/Bangkok": "TH",
  "Asia/Kuala_Lumpur": "MY", "Asia/Jakarta": "ID", "Australia/Sydney": "AU", "Europe/London": "GB", "Europe/Berlin": "DE",
  "Europe/Paris": "FR", "Europe/Madrid": "ES", "Europe/Amsterdam": "NL", "America/New_York": "US", "America/Chicago": "US",
  "America/Denver": "US", "America/Los_Angeles": "US", "America/Toronto": "CA", "America/Sao_Paulo": "BR",
};

export const defaultPhoneCountry: CountryCode = "CN";

/** The country a team's national-format numbers belong to, from its time zone (teams carry no country). */
export function teamPhoneCountry(timezone: string | undefined): CountryCode {
  return (timezone && zoneCountries[timezone]) || defaultPhoneCountry;
}

/** A phone in E.164 (+8613800138000); a number that is not a valid one for its country is a 400 on `phone`. */
export function toE164(raw: string, country: CountryCode = defaultPhoneCountry): string {
  const parsed = parsePhoneNumberFromString(raw, country);
  if (!parsed?.isValid()) {
    throw new ValidationError(`phone: "${raw}" is not a valid phone number (national numbers are read as ${country}; add the +country code otherwise)`, "phone");
  }
  return parsed.number;
}

/** Case, width and spacing folded, so "ACME  Ltd" and "acme ltd" are one company. */
export function fold(text: string): string {
  return text.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();
}

export interface KeyFields {
  name?: string | undefined;
  email?: string | undefined;
  phone?: string | undefined;
  companyName?: string | undefined;
}

export interface DedupeKey {
  kind: LeadKeyKind;
  value: string;
}

/** The dedupe keys of normalised person fields, strongest first: email, phone, company+name. */
export function dedupeKeys(p: KeyFields): DedupeKey[] {
  const keys: DedupeKey[] = [];
  if (p.email) keys.push({ kind: "email", value: p.email.toLowerCase() });
  if (p.phone) keys.push({ kind: "phone", value: p.phone });
  if (p.companyName && p.name) keys.push({ kind: "company_name", value: `${fold(p.companyName)}|${fold(p.name)}` });
  return keys;
}

/** The one string stored on the lead as its `dedupeKey` (its strongest key). */
export const keyLabel = (k: DedupeKey) => `${k.kind}:${k.value}`;
