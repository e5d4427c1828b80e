import type { ReactNode } from "react";
import { useI18n } from "../i18n/use-i18n.ts";
import { describeError } from "../i18n/describe-error.ts";

export function LoadingState({ label, fullPage = false }: { label: string; fullPage?: boolean }) {
  return (
    <div className={`state${fullPage ? " state--page" : ""}`} role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      <span>{label}</span>
    </div>
  );
}

export function EmptyState({ message, children }: { message: string; children?: ReactNode }) {
  return (
    <div className="state state--empty">
      <p>{message}</p>
      {children}
    </div>
  );
}

interface ErrorStateProps {
  title: string;
  error: unknown;
  onRetry?: () => void;
  fullPage?: boolean;
  children?: ReactNode;
}

export function ErrorState({ title, error, onRetry, fullPage = false, children }: ErrorStateProps) {
  const { t } = useI18n();
  return (
    <div className={`state state--error${fullPage ? " state--page" : ""}`} role="alert">
      <p className="state__title">{title}</p>
      <p>{describeError(error, t)}</p>
      <div className="state__actions">
        {onRetry && (
          <button type="button" className="button" onClick={onRetry}>
            {t("app.retry")}
          </button>
        )}
        {children}
      </div>
    </div>
  );
}
