import { useCallback, useMemo, useState, type KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";
import {
  Background, BaseEdge, Controls, EdgeLabelRenderer, getBezierPath, Handle, MarkerType, Position, ReactFlow,
  type Connection, type Edge, type EdgeProps, type Node, type NodeProps,
} from "@xyflow/react";
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

type ReportsToEdge = Edge<{ report: string; removeLabel: string; onRemove?: (contactId: string) => void }, "reportsTo">;

/** A reports-to link; on an editable map it carries a × at its middle that removes it. */
function ReportsToLink({ id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, markerEnd, style, selected, data }: EdgeProps<ReportsToEdge>) {
  const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  return (
    <>
      <BaseEdge id={id} path={path} {...(markerEnd && { markerEnd })} style={selected ? { ...style, stroke: "var(--accent)", strokeWidth: 3 } : style} />
      {data?.onRemove && (
        <EdgeLabelRenderer>
          <button
            type="button"
            className={`committee-edge__remove nodrag nopan${selected ? " is-selected" : ""}`}
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
            aria-label={data.removeLabel}
            title={data.removeLabel}
            onClick={() => data.onRemove?.(data.report)}
          >
            ×
          </button>
        </EdgeLabelRenderer>
      )}
    </>
  );
}
const edgeTypes = { reportsTo: ReportsToLink };
const isRemoveKey = (key: string) => key === "Delete" || key === "Backspace";

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
  /** `contactId` no longer reports to anyone (its link was removed on the map). */
  onDisconnect(contactId: string): void;
  onChange(contactId: string, patch: Partial<CommitteeMember>): void;
  onRemove(contactId: string): void;
}

export function CommitteeMap({ committee, editable, onConnect, onDisconnect, onChange, onRemove }: Props) {
  const { t } = useTranslation("deal");
  const [selectedId, setSelectedId] = useState<string | null>(null);
  // React Flow asks for a stable handler here; a new one each render re-subscribes on every render.
  const onSelectionChange = useCallback(({ nodes: picked }: { nodes: Node[] }) => setSelectedId(picked[0]?.id ?? null), []);
  // The link picked by a click, removed with Delete or Backspace (its report's id: a contact has one manager).
  const [selectedLink, setSelectedLink] = useState<string | null>(null);
  const nodes = useMemo(() => layout(committee), [committee]);
  const edges = useMemo<ReportsToEdge[]>(() => {
    const name = (id: string) => committee.nodes.find((n) => n.contactId === id)?.name ?? id;
    return committee.edges.map((e) => {
      const names = { from: name(e.from), to: name(e.to) };
      return {
        id: `${e.from}->${e.to}`, type: "reportsTo", source: e.to, target: e.from, ariaLabel: t("deal.committee.edge", names),
        markerEnd: { type: MarkerType.ArrowClosed }, style: { strokeWidth: 2 }, selected: editable && selectedLink === e.from,
        data: { report: e.from, removeLabel: t("deal.committee.removeLink", names), ...(editable && { onRemove: onDisconnect }) },
      };
    });
  }, [committee, t, editable, selectedLink, onDisconnect]);
  const onEdgeClick = useCallback((_: unknown, edge: Edge) => setSelectedLink(String((edge as ReportsToEdge).data?.report ?? "")), []);
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (!editable || !isRemoveKey(e.key)) return;
    // A link focused with the keyboard (Tab) counts as picked, like one clicked.
    const focused = (e.target as Element).closest?.(".react-flow__edge")?.getAttribute("data-id");
    const report = focused ? edges.find((x) => x.id === focused)?.data?.report : selectedLink;
    if (!report || !committee.edges.some((x) => x.from === report)) return;
    e.preventDefault();
    setSelectedLink(null);
    onDisconnect(report);
  };
  const ariaLabelConfig = useMemo(
    () => ({
      "node.a11yDescription.default": t("deal.map.nodeHelp"),
      "node.a11yDescription.keyboardDisabled": t("deal.map.nodeHelp"),
      "edge.a11yDescription.default": t(editable ? "deal.map.edgeHelpEditable" : "deal.map.edgeHelp"),
      "controls.ariaLabel": t("deal.map.controls"),
      "controls.zoomIn.ariaLabel": t("deal.map.zoomIn"),
      "controls.zoomOut.ariaLabel": t("deal.map.zoomOut"),
      "controls.fitView.ariaLabel": t("deal.map.fitView"),
    }),
    [t, editable],
  );
  if (committee.nodes.length === 0) return <EmptyState message={t("deal.committee.empty")} />;
  const selected = committee.nodes.find((n) => n.contactId === selectedId && n.onDeal);
  return (
    <div className="committee-map">
      <p className="muted">{t("deal.committee.mapHint")}</p>
      <div className="committee-map__canvas" role="group" aria-label={t("deal.committee.mapLabel")} onKeyDown={onKeyDown}>
        <ReactFlow
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          edgeTypes={edgeTypes}
          fitView
          fitViewOptions={{ maxZoom: 1.1 }}
          nodesDraggable={false}
          nodesConnectable={editable}
          edgesFocusable={editable}
          deleteKeyCode={null}
          onEdgeClick={onEdgeClick}
          onPaneClick={() => setSelectedLink(null)}
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
