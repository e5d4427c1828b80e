import { isApiError } from "../api/api-error.ts";
import type { I18n } from "./i18n.tsx";

/** The server's own message when it sent one (it names the rule or field); a localized hint otherwise. */
export function describeError(error: unknown, t: I18n["t"]): string {
  if (isApiError(error)) return error.status === 0 ? t("error.network") : error.message;
  return t("error.generic");
}
