import { useId, useRef, useState, type KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";
import type { TeamMember } from "../../api/api-types.ts";

interface Props {
  label: string;
  value: string;
  members: readonly TeamMember[];
  onChange(value: string): void;
  /** A member picked from the list; the text now holds `@<name>`. */
  onMention(member: TeamMember): void;
}

/** The "@" word the caret is in, if any: what the member list filters on. */
function mentionQuery(text: string, caret: number): { start: number; query: string } | null {
  const match = /(^|\s)@([^\s@]{0,30})$/.exec(text.slice(0, caret));
  return match ? { start: caret - (match[2]?.length ?? 0) - 1, query: match[2] ?? "" } : null;
}

/** A text area where typing "@" offers the team's members; arrows move, Enter or a click inserts the mention. */
export function MentionTextarea({ label, value, members, onChange, onMention }: Props) {
  const { t } = useTranslation("deal");
  const id = useId();
  const ref = useRef<HTMLTextAreaElement>(null);
  const [caret, setCaret] = useState(0);
  const [active, setActive] = useState(0);
  const [dismissed, setDismissed] = useState(false);
  const q = dismissed ? null : mentionQuery(value, caret);
  const needle = q?.query.toLowerCase() ?? "";
  const matches = q ? members.filter((m) => m.name.toLowerCase().includes(needle) || m.email.toLowerCase().includes(needle)).slice(0, 6) : [];
  const open = matches.length > 0;

  const pick = (m: TeamMember) => {
    if (!q) return;
    const inserted = `@${m.name} `;
    const next = value.slice(0, q.start) + inserted + value.slice(caret);
    onChange(next);
    onMention(m);
    const at = q.start + inserted.length;
    setCaret(at);
    requestAnimationFrame(() => {
      ref.current?.focus();
      ref.current?.setSelectionRange(at, at);
    });
  };
  const onKey = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (!open) return;
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      setActive((a) => (a + (e.key === "ArrowDown" ? 1 : matches.length - 1)) % matches.length);
    } else if (e.key === "Enter" || e.key === "Tab") {
      const m = matches[Math.min(active, matches.length - 1)];
      if (m) {
        e.preventDefault();
        pick(m);
      }
    } else if (e.key === "Escape") {
      e.preventDefault();
      setDismissed(true);
    }
  };

  return (
    <div className="deal-mention">
      <label className="field">
        <span className="field__label">{label}</span>
        <textarea
          ref={ref}
          rows={3}
          value={value}
          aria-describedby={`${id}-hint`}
          aria-controls={open ? `${id}-list` : undefined}
          aria-activedescendant={open ? `${id}-opt-${active}` : undefined}
          onKeyDown={onKey}
          onChange={(e) => {
            setDismissed(false);
            setActive(0);
            setCaret(e.target.selectionStart);
            onChange(e.target.value);
          }}
          onSelect={(e) => setCaret(e.currentTarget.selectionStart)}
        />
      </label>
      <span id={`${id}-hint`} className="muted">
        {t("deal.log.mentionHint")}
      </span>
      {open && (
        <ul id={`${id}-list`} role="listbox" aria-label={t("deal.log.members")} className="deal-mention__list">
          {matches.map((m, i) => (
            <li
              key={m.userId}
              id={`${id}-opt-${i}`}
              role="option"
              aria-selected={i === active}
              className="deal-mention__option"
              onMouseDown={(e) => {
                e.preventDefault();
                pick(m);
              }}
            >
              <span>{m.name}</span> <span className="muted">{m.email}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
