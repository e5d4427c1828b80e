import { useEffect, useId, useRef, type ReactNode } from "react";
import { useI18n } from "../i18n/use-i18n.ts";

interface DialogProps {
  open: boolean;
  title: string;
  onClose(): void;
  children: ReactNode;
  /** Buttons along the bottom (the primary action last). */
  footer?: ReactNode;
}

/**
 * A modal on the native <dialog>: the browser traps focus, Esc closes it, and the page behind is inert.
 * Closing (Esc, the × button, a click on the backdrop) always goes through `onClose`, so the caller owns `open`.
 */
export function Dialog({ open, title, onClose, children, footer }: DialogProps) {
  const { t } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      onClick={(e) => e.target === ref.current && onClose()}
    >
      {open && (
        <div className="dialog__body">
          <header className="dialog__header">
            <h2 id={titleId} className="dialog__title">
              {title}
            </h2>
            <button type="button" className="button button--ghost dialog__close" aria-label={t("dialog.close")} onClick={onClose}>
              ×
            </button>
          </header>
          <div className="dialog__content">{children}</div>
          {footer && <footer className="dialog__footer">{footer}</footer>}
        </div>
      )}
    </dialog>
  );
}
