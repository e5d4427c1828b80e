import { useEffect, useRef, useState, type KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";

export type FieldInput = { kind: "text" } | { kind: "long" } | { kind: "number" } | { kind: "date" } | { kind: "select"; options: { value: string; label: string }[] };

interface Props {
  label: string;
  /** What the field shows when not editing (formatted for the locale). */
  display: string;
  /** The raw value the editor starts from. */
  value: string;
  input: FieldInput;
  disabled?: boolean;
  onSave(value: string): void;
}

/** A value shown as text; a click (or Enter on it) turns it into an editor, Enter or Save keeps it, Esc leaves it. */
export function InlineField({ label, display, value, input, disabled = false, onSave }: Props) {
  const { t } = useTranslation("deal");
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(value);
  const ref = useRef<HTMLInputElement & HTMLTextAreaElement & HTMLSelectElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (editing) ref.current?.focus();
  }, [editing]);

  const start = () => {
    setDraft(value);
    setEditing(true);
  };
  const stop = () => {
    setEditing(false);
    requestAnimationFrame(() => trigger.current?.focus());
  };
  const save = () => {
    if (draft !== value) onSave(draft);
    stop();
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.key === "Escape") {
      e.preventDefault();
      stop();
    } else if (e.key === "Enter" && (input.kind !== "long" || e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      save();
    }
  };

  if (!editing) {
    return (
      <div className="inline-field">
        <dt>{label}</dt>
        <dd>
          <button ref={trigger} type="button" className="inline-field__value" disabled={disabled} aria-label={t("deal.editField", { field: label, value: display })} onClick={start}>
            {display || <span className="muted">{t("deal.empty")}</span>}
          </button>
        </dd>
      </div>
    );
  }
  const common = { ref, "aria-label": label, value: draft, onKeyDown: onKey, className: "inline-field__input" };
  return (
    <div className="inline-field is-editing">
      <dt>{label}</dt>
      <dd>
        {input.kind === "long" ? (
          <textarea {...common} rows={3} onChange={(e) => setDraft(e.target.value)} />
        ) : input.kind === "select" ? (
          <select {...common} onChange={(e) => setDraft(e.target.value)}>
            {input.options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        ) : (
          <input {...common} type={input.kind === "number" ? "number" : input.kind === "date" ? "date" : "text"} min={input.kind === "number" ? 0 : undefined} onChange={(e) => setDraft(e.target.value)} />
        )}
        <span className="inline-field__buttons">
          <button type="button" className="button button--primary button--small" onClick={save}>
            {t("deal.save")}
          </button>
          <button type="button" className="button button--ghost button--small" onClick={stop}>
            {t("deal.cancel")}
          </button>
        </span>
      </dd>
    </div>
  );
}
