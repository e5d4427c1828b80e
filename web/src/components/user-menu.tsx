import { useEffect, useId, useRef, useState } from "react";
import { useI18n } from "../i18n/use-i18n.ts";
import { useSession } from "../session/session-context.ts";

/** The signed-in user's name; opens to show their email, role and team, and the sign-out action. */
export function UserMenu() {
  const { t } = useI18n();
  const { me, team, memberName, signOut } = useSession();
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const menuId = useId();
  const name = memberName(me.userId) ?? me.email;

  useEffect(() => {
    if (!open) return;
    const onPointer = (e: PointerEvent) => {
      if (root.current && e.target instanceof Node && !root.current.contains(e.target)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && setOpen(false);
    document.addEventListener("pointerdown", onPointer);
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("pointerdown", onPointer);
      document.removeEventListener("keydown", onKey);
    };
  }, [open]);

  return (
    <div className="user-menu" ref={root}>
      <button type="button" className="user-menu__button" aria-expanded={open} aria-controls={menuId} aria-label={`${t("userMenu.open")}: ${name}`} onClick={() => setOpen((v) => !v)}>
        <span className="avatar" aria-hidden="true">{name.slice(0, 1).toUpperCase()}</span>
        <span className="user-menu__name">{name}</span>
      </button>
      {open && (
        <div className="user-menu__panel" id={menuId}>
          <p className="muted">{t("userMenu.signedInAs")}</p>
          <p className="user-menu__who">{name}</p>
          <p className="muted">{me.email}</p>
          <p className="muted">{[t(`role.${me.role}`), team?.name].filter(Boolean).join(" · ")}</p>
          <button type="button" className="button button--block" onClick={signOut}>
            {t("userMenu.signOut")}
          </button>
        </div>
      )}
    </div>
  );
}
