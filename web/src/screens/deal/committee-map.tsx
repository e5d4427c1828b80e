import { useCallback, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Background, Controls, Handle, MarkerType, Position, ReactFlow, type Connection, type Edge, type Node, type NodeProps } from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import { EmptyState } from "../../components/status-views.tsx";
import type { Committee, CommitteeMember, CommitteeNode } from "./deal-api.ts";
import { MemberEditor } from "./member-editor.tsx";

type PersonNode = Node<{ person: CommitteeNode; label: string }, "person">;

function PersonCard({ data, selected }: NodeProps<PersonNode>) {
  const { t } = useTranslation("deal");
  const p = data.person;
  return (
    <div className={`person-node attitude--${p.attitude ?? "unknown"}${selected ? " is-selected" : ""}${p.onDeal ? "" : " is-outside"}`}>
      <Handle type="target" position={Position.Top} aria-label={t("deal.committee.handleIn")} />
      <strong className="person-node__name">{p.name ?? p.contactId}</strong>
      {p.title && <span className="person-node__title">{p.title}</span>}
      <span className="person-node__role">{p.onDeal && p.role ? t(`deal.role.${p.role}`) : t("deal.committee.notOnDeal")}</span>
      {p.attitude && <span className="person-node__attitude">{t(`deal.attitude.${p.attitude}`)}</span>}
      <Handle type="source" position={Position.Bottom} aria-label={t("deal.committee.handleOut")} />
    </div>
  );
}
const nodeTypes = { person: PersonCard };

/** Managers above the people who report to them: depth is the number of reports-to hops to the top of the map. */
function layout(committee: Committee): PersonNode[] {
  const boss = new Map(committee.edges.map((e) => [e.from, e.to]));
  const depth = (id: string, seen = new Set<string>()): number => {
    const up = boss.get(id);
    if (!up || seen.has(up)) return 0;
    seen.add(id);
    return 1 + depth(up, seen);
  };
  const perLevel = new Map<number, number>();
  return committee.nodes.map((person) => {
    const level = depth(person.contactId);
    const column = perLevel.get(level) ?? 0;
    perLevel.set(level, column + 1);
    const label = person.name ?? person.contactId;
    return { id: person.contactId, type: "person", position: { x: column * 220 + level * 40, y: level * 140 }, data: { person, label }, ariaLabel: label };
  });
}

interface Props {
  committee: Committee;
  editable: boolean;
  /** `contactId` now reports to `managerId` (drawn from the manager's lower handle to the report's upper one). */
  onConnect(contactId: string, managerId: string): void;
  onChange(contactId: string, patch: Partial<CommitteeMember>): void;
  onRemove(contactId: string): void;
}

export function CommitteeMap({ committee, editable, onConnect, onChange, onRemove }: Props) {
  const { t } = useTranslation("deal");
  const [selectedId, setSelectedId] = useState<string | null>(null);
  // React Flow asks for a stable handler here; a new one each render re-subscribes on every render.
  const onSelectionChange = useCallback(({ nodes: picked }: { nodes: Node[] }) => setSelectedId(picked[0]?.id ?? null), []);
  const nodes = useMemo(() => layout(committee), [committee]);
  const edges = useMemo<Edge[]>(() => {
    const name = (id: string) => committee.nodes.find((n) => n.contactId === id)?.name ?? id;
    return committee.edges.map((e) => ({
      id: `${e.from}->${e.to}`, source: e.to, target: e.from, ariaLabel: t("deal.committee.edge", { from: name(e.from), to: name(e.to) }),
      markerEnd: { type: MarkerType.ArrowClosed }, style: { strokeWidth: 2 },
    }));
  }, [committee, t]);
  const ariaLabelConfig = useMemo(
    () => ({
      "node.a11yDescription.default": t("deal.map.nodeHelp"),
      "node.a11yDescription.keyboardDisabled": t("deal.map.nodeHelp"),
      "edge.a11yDescription.default": t("deal.map.edgeHelp"),
      "controls.ariaLabel": t("deal.map.controls"),
      "controls.zoomIn.ariaLabel": t("deal.map.zoomIn"),
      "controls.zoomOut.ariaLabel": t("deal.map.zoomOut"),
      "controls.fitView.ariaLabel": t("deal.map.fitView"),
    }),
    [t],
  );
  if (committee.nodes.length === 0) return <EmptyState message={t("deal.committee.empty")} />;
  const selected = committee.nodes.find((n) => n.contactId === selectedId && n.onDeal);
  return (
    <div className="committee-map">
      <p className="muted">{t("deal.committee.mapHint")}</p>
      <div className="committee-map__canvas" role="group" aria-label={t("deal.committee.mapLabel")}>
        <ReactFlow
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          fitView
          fitViewOptions={{ maxZoom: 1.1 }}
          nodesDraggable={false}
          nodesConnectable={editable}
          edgesFocusable={false}
          ariaLabelConfig={ariaLabelConfig}
          onSelectionChange={onSelectionChange}
          onConnect={(c: Connection) => c.source && c.target && onConnect(c.target, c.source)}
        >
          <Background gap={24} />
          <Controls showInteractive={false} />
        </ReactFlow>
      </div>
      <ul className="deal-attitude-legend" aria-label={t("deal.committee.legend")}>
        {(["positive", "neutral", "negative", "unknown"] as const).map((a) => (
          <li key={a} className={`attitude--${a}`}>
            {t(`deal.attitude.${a}`)}
          </li>
        ))}
      </ul>
      {editable && selected && (
        <div className="committee-map__editor">
          <strong>{selected.name}</strong>
          <MemberEditor node={selected} onChange={(p) => onChange(selected.contactId, p)} onRemove={() => onRemove(selected.contactId)} />
        </div>
      )}
    </div>
  );
}
