import type { TFunction } from "i18next";
import { isApiError } from "../api/api-error.ts";

/** The server's own message when it sent one (it names the rule or field); a localized hint otherwise. */
export function describeError(error: unknown, t: TFunction): string {
  if (isApiError(error)) return error.status === 0 ? t("error.network") : error.message;
  return t("error.generic");
}
