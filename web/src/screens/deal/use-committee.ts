import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { dealKeys, type Committee, type CommitteeMember, type Contact, type Deal } from "./deal-api.ts";
import { useDealApi, useErrorText } from "./use-deal.ts";

export const membersOf = (c: Committee): CommitteeMember[] =>
  c.nodes.flatMap((n) => (n.onDeal && n.role ? [{ contactId: n.contactId, role: n.role, ...(n.attitude && { attitude: n.attitude }) }] : []));

/** The committee graph, the account's contacts, and the writes: the member list (PUT committee) and reports-to (PATCH contact). */
export function useCommittee(deal: Deal) {
  const id = deal.opportunityId;
  const calls = useDealApi();
  const qc = useQueryClient();
  const errorText = useErrorText();
  const [error, setError] = useState<string | null>(null);
  const committee = useQuery({ queryKey: dealKeys.committee(id), queryFn: () => calls.committee(id) });
  const contacts = useQuery({ queryKey: dealKeys.contacts(deal.accountId), queryFn: () => calls.contacts(deal.accountId) });

  const save = useMutation({
    mutationFn: (members: CommitteeMember[]) => {
      const version = qc.getQueryData<Deal>(dealKeys.deal(id))?.version ?? deal.version;
      return calls.putCommittee(id, version, members);
    },
    onMutate: async (members) => {
      setError(null);
      await qc.cancelQueries({ queryKey: dealKeys.committee(id) });
      const before = qc.getQueryData<Committee>(dealKeys.committee(id));
      if (before) qc.setQueryData<Committee>(dealKeys.committee(id), optimisticCommittee(before, members, contacts.data ?? []));
      return { before };
    },
    onError: (err, _m, ctx) => {
      if (ctx?.before) qc.setQueryData(dealKeys.committee(id), ctx.before);
      setError(errorText(err));
    },
    onSuccess: (saved) => {
      qc.setQueryData(dealKeys.committee(id), saved);
      qc.setQueryData<Deal>(dealKeys.deal(id), (d) => (d ? { ...d, version: saved.version, contacts: membersOf(saved) } : d));
    },
    onSettled: () => void qc.invalidateQueries({ queryKey: ["deal", id] }),
  });

  /** Sets (`managerId`) or clears (`null`) whom a contact reports to; the map and list change at once, undone if refused. */
  const reportsTo = useMutation({
    mutationFn: ({ contact, managerId }: { contact: Contact; managerId: string | null }) => calls.setReportsTo(contact, managerId),
    onMutate: async ({ contact, managerId }) => {
      setError(null);
      await qc.cancelQueries({ queryKey: dealKeys.committee(id) });
      const before = qc.getQueryData<Committee>(dealKeys.committee(id));
      if (before) {
        const edges = before.edges.filter((e) => e.from !== contact.contactId);
        qc.setQueryData<Committee>(dealKeys.committee(id), { ...before, edges: managerId ? [...edges, { from: contact.contactId, to: managerId, kind: "reports_to" }] : edges });
      }
      return { before };
    },
    onError: (err, _vars, ctx) => {
      if (ctx?.before) qc.setQueryData(dealKeys.committee(id), ctx.before);
      setError(errorText(err));
    },
    onSuccess: (saved) => qc.setQueryData<Contact[]>(dealKeys.contacts(deal.accountId), (list) => list?.map((c) => (c.contactId === saved.contactId ? saved : c))),
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: dealKeys.committee(id) });
      void qc.invalidateQueries({ queryKey: dealKeys.contacts(deal.accountId) });
    },
  });

  const createContact = useMutation({
    mutationFn: (c: { name: string; title?: string }) => calls.createContact({ accountId: deal.accountId, ...c }),
    onError: (err) => setError(errorText(err)),
    onSuccess: (created) => qc.setQueryData<Contact[]>(dealKeys.contacts(deal.accountId), (list) => [...(list ?? []), created]),
  });

  return { committee, contacts, save, reportsTo, createContact, error };
}

function optimisticCommittee(before: Committee, members: CommitteeMember[], contacts: Contact[]): Committee {
  const known = new Map(before.nodes.map((n) => [n.contactId, n]));
  const onDeal = new Set(members.map((m) => m.contactId));
  const nodes = members.map((m) => {
    const c = contacts.find((x) => x.contactId === m.contactId);
    const old = known.get(m.contactId);
    return { contactId: m.contactId, name: old?.name ?? c?.name ?? null, title: old?.title ?? c?.title ?? null, role: m.role, attitude: m.attitude ?? null, onDeal: true };
  });
  return { ...before, nodes: [...nodes, ...before.nodes.filter((n) => !onDeal.has(n.contactId)).map((n) => ({ ...n, role: null, attitude: null, onDeal: false }))] };
}
