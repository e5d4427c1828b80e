import { lazy, Suspense, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorState, LoadingState } from "../../components/status-views.tsx";
import type { CommitteeMember, Deal } from "./deal-api.ts";
import { AddMemberForm } from "./add-member-form.tsx";
import { CommitteeList } from "./committee-list.tsx";
import { membersOf, useCommittee } from "./use-committee.ts";
import { useDealEditable } from "./use-deal.ts";

// The graph library loads only when the map is shown, so phones (which get the list) never fetch it.
const CommitteeMap = lazy(async () => ({ default: (await import("./committee-map.tsx")).CommitteeMap }));
const wide = "(min-width: 720px)";

function useWideScreen(): boolean {
  const [matches, setMatches] = useState(() => window.matchMedia(wide).matches);
  useEffect(() => {
    const query = window.matchMedia(wide);
    const onChange = () => setMatches(query.matches);
    query.addEventListener("change", onChange);
    return () => query.removeEventListener("change", onChange);
  }, []);
  return matches;
}

/** The buying committee (联系人图谱): a map of who reports to whom on wide screens, a plain list everywhere. */
export function CommitteeSection({ deal }: { deal: Deal }) {
  const { t } = useTranslation("deal");
  const isWide = useWideScreen();
  const [view, setView] = useState<"map" | "list" | null>(null);
  const shown = view ?? (isWide ? "map" : "list");
  const { committee, contacts, save, reportsTo, createContact, error } = useCommittee(deal);
  const editable = useDealEditable(deal);

  const members = committee.data ? membersOf(committee.data) : [];
  const change = (contactId: string, patch: Partial<CommitteeMember>) => save.mutate(members.map((m) => (m.contactId === contactId ? { ...m, ...patch } : m)));
  const remove = (contactId: string) => save.mutate(members.filter((m) => m.contactId !== contactId));
  /** `contactId` now reports to `managerId`, or to nobody when it is null. */
  const connect = (contactId: string, managerId: string | null) => {
    const contact = contacts.data?.find((c) => c.contactId === contactId);
    if (contact && contactId !== managerId && (contact.reportsToContactId ?? null) !== managerId) reportsTo.mutate({ contact, managerId });
  };

  return (
    <section className="deal-panel" aria-labelledby="deal-committee">
      <div className="deal-panel__head">
        <h2 id="deal-committee" className="deal-section__title">
          {t("deal.committee.title")}
        </h2>
        <div className="deal-segmented" role="group" aria-label={t("deal.committee.view")}>
          {(["map", "list"] as const).map((v) => (
            <button key={v} type="button" className="button button--small" aria-pressed={shown === v} onClick={() => setView(v)}>
              {t(`deal.committee.${v}`)}
            </button>
          ))}
        </div>
      </div>
      {error && (
        <p className="deal-error" role="alert">
          {t("deal.saveFailed", { message: error })}
        </p>
      )}
      {committee.isPending ? (
        <LoadingState label={t("deal.committee.loading")} />
      ) : committee.isError ? (
        <ErrorState title={t("deal.committee.error")} error={committee.error} onRetry={() => void committee.refetch()} />
      ) : shown === "map" ? (
        <Suspense fallback={<LoadingState label={t("deal.committee.loading")} />}>
          <CommitteeMap committee={committee.data} editable={editable} onConnect={connect} onDisconnect={(contactId) => connect(contactId, null)} onChange={change} onRemove={remove} />
        </Suspense>
      ) : (
        <CommitteeList committee={committee.data} editable={editable} onChange={change} onRemove={remove} onReportsTo={connect} />
      )}
      {editable && committee.data && (
        <AddMemberForm
          contacts={contacts.data ?? []}
          onDeal={new Set(members.map((m) => m.contactId))}
          busy={save.isPending || createContact.isPending}
          onAdd={async (pick) => {
            const contactId = "contactId" in pick ? pick.contactId : (await createContact.mutateAsync(pick.contact)).contactId;
            save.mutate([...members, { contactId, role: pick.role, ...(pick.attitude && { attitude: pick.attitude }) }]);
          }}
        />
      )}
    </section>
  );
}
