import { useCallback } from "react";
import { useTranslation } from "react-i18next";

/** A label for a key that comes from the server (a gate field, a risk code): the raw key when the dictionary has none. */
export function useDealLabel() {
  const { t } = useTranslation("deal");
  return useCallback((key: string, fallback: string): string => t(key as never, { defaultValue: fallback }) as string, [t]);
}
