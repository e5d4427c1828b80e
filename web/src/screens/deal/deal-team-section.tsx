import { useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Avatar } from "../../components/avatar.tsx";
import { useSession } from "../../session/session-context.ts";
import type { Me } from "../../api/api-types.ts";
import type { Deal } from "./deal-api.ts";
import { useDealApi, useDealWrite } from "./use-deal.ts";

/**
 * Who may change a deal's team: its owner, a manager of its team, or an admin — the rule of
 * packages/core/src/opportunity/deal-members.ts, mirrored so others are not offered controls the server refuses
 * (the server stays the judge).
 */
export function mayManageTeam(me: Me, deal: Deal): boolean {
  return me.role === "admin" || deal.ownerId === me.userId || (me.role === "manager" && me.teamId === deal.teamId);
}

/** The deal team (协作人): the owner and the teammates who work on the deal with them and may edit it. */
export function DealTeamSection({ deal }: { deal: Deal }) {
  const { t } = useTranslation("deal");
  const { me, members, memberName } = useSession();
  const calls = useDealApi();
  const formId = useId();
  const [picked, setPicked] = useState("");
  const id = deal.opportunityId;
  const add = useDealWrite<string>(id, (d, userId) => calls.addTeamMember(id, d.version, userId), (d, userId) => ({ ...d, teamMemberIds: [...(d.teamMemberIds ?? []).filter((m) => m !== userId), userId] }));
  const remove = useDealWrite<string>(id, (d, userId) => calls.removeTeamMember(id, d.version, userId), (d, userId) => ({ ...d, teamMemberIds: (d.teamMemberIds ?? []).filter((m) => m !== userId) }));
  const error = add.error ?? remove.error;
  const busy = add.isPending || remove.isPending;
  const canManage = mayManageTeam(me, deal);
  const teamIds = deal.teamMemberIds ?? [];
  const nameOf = (userId: string) => memberName(userId) ?? userId;
  // The server accepts any active user of the deal's team who is neither the owner nor already on it.
  const candidates = members.filter((m) => m.teamId === deal.teamId && m.active !== false && m.userId !== deal.ownerId && !teamIds.includes(m.userId));
  const chosen = candidates.some((c) => c.userId === picked) ? picked : (candidates[0]?.userId ?? "");

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!chosen || busy) return;
    add.clearError();
    remove.clearError();
    add.mutate(chosen);
    setPicked("");
  };
  const drop = (userId: string) => {
    add.clearError();
    remove.clearError();
    remove.mutate(userId);
  };

  return (
    <section className="deal-panel" aria-labelledby="deal-team">
      <h2 id="deal-team" className="deal-section__title">
        {t("deal.team.title")}
      </h2>
      {error && (
        <p className="deal-error" role="alert">
          {t("deal.saveFailed", { message: error })}
        </p>
      )}
      <ul className="deal-team" aria-label={t("deal.team.listLabel")}>
        <li className="deal-team__person">
          {deal.ownerId ? <Avatar name={nameOf(deal.ownerId)} small /> : <span className="avatar avatar--small" aria-hidden="true">?</span>}
          <span className="deal-team__name">{deal.ownerId ? nameOf(deal.ownerId) : t("deal.unassigned")}</span>
          <span className="deal-team__role muted">{t("deal.team.owner")}</span>
        </li>
        {teamIds.map((userId) => (
          <li key={userId} className="deal-team__person">
            <Avatar name={nameOf(userId)} small />
            <span className="deal-team__name">{nameOf(userId)}</span>
            <span className="deal-team__role muted">{t("deal.team.member")}</span>
            {canManage && (
              <button type="button" className="deal-chip__remove" aria-label={t("deal.team.remove", { name: nameOf(userId) })} disabled={busy} onClick={() => drop(userId)}>
                ×
              </button>
            )}
          </li>
        ))}
      </ul>
      {teamIds.length === 0 && <p className="muted">{t("deal.team.empty")}</p>}
      {canManage &&
        (candidates.length > 0 ? (
          <form className="deal-inline-form" onSubmit={submit} aria-label={t("deal.team.add")}>
            <label className="field deal-team__pick" htmlFor={`${formId}-user`}>
              <span className="field__label">{t("deal.team.teammate")}</span>
              <select id={`${formId}-user`} value={chosen} onChange={(e) => setPicked(e.target.value)}>
                {candidates.map((c) => (
                  <option key={c.userId} value={c.userId}>
                    {c.name}
                  </option>
                ))}
              </select>
            </label>
            <button type="submit" className="button" disabled={busy}>
              {t("deal.team.addButton")}
            </button>
          </form>
        ) : (
          <p className="muted">{t("deal.team.nobodyLeft")}</p>
        ))}
      {!canManage && <p className="muted">{t("deal.team.readOnly")}</p>}
    </section>
  );
}
