import { Route, Routes } from "react-router";
import "../../styles/leads.css";
import { LeadDetail } from "./lead-detail.tsx";
import { LeadImport } from "./lead-import.tsx";
import { LeadsInbox } from "./leads-inbox.tsx";

/** `#/leads` the queue (mine, team, pool), `#/leads/import` the CSV import, `#/leads/:leadId` one lead. */
export function LeadsScreen() {
  return (
    <Routes>
      <Route index element={<LeadsInbox />} />
      <Route path="import" element={<LeadImport />} />
      <Route path=":leadId" element={<LeadDetail />} />
    </Routes>
  );
}
