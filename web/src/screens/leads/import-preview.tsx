import { useTranslation } from "react-i18next";
import { useI18n } from "../../i18n/use-i18n.ts";
import { outcomes, type CsvFile } from "./import-chunks.ts";
import { importFields, type ImportReport, type ImportTarget } from "./leads-api.ts";

interface ImportPreviewProps {
  file: CsvFile;
  report: ImportReport | undefined;
  mapping: Record<string, ImportTarget>;
  onMapping(m: Record<string, ImportTarget>): void;
  onRepreview(): void;
  onImport(): void;
  canImport: boolean;
}

/** The dry run: which column fills which field (editable), what each row would do, and the errors to fix. */
export function ImportPreview({ file, report, mapping, onMapping, onRepreview, onImport, canImport }: ImportPreviewProps) {
  const { t } = useTranslation("leads");
  return (
    <>
      <section className="panel" aria-labelledby="import-mapping">
        <h2 id="import-mapping">{t("leads.mapping")}</h2>
        <div className="mapping-grid">
          {file.header.map((h, i) => (
            <label key={`${h}-${i}`} className="mapping-grid__item">
              <span className="mapping-grid__column">{h || t("leads.columnN", { n: i + 1 })}</span>
              <select aria-label={t("leads.mapColumn", { column: h })} value={mapping[h] ?? "skip"} onChange={(e) => onMapping({ ...mapping, [h]: e.target.value as ImportTarget })}>
                <option value="skip">{t("leads.skipColumn")}</option>
                {importFields.map((f) => <option key={f} value={f}>{t(`leads.field.${f}`)}</option>)}
              </select>
            </label>
          ))}
        </div>
        {report && report.unmappedColumns.length > 0 && <p className="muted">{t("leads.unmapped", { columns: report.unmappedColumns.join(", ") })}</p>}
        <button type="button" className="button" onClick={onRepreview}>{t("leads.repreview")}</button>
      </section>
      {report && (
        <section className="panel" aria-labelledby="import-preview">
          <h2 id="import-preview">{t("leads.preview")}</h2>
          <Totals report={report} />
          <RowsTable file={file} report={report} />
          <div className="import-actions">
            <button type="button" className="button button--primary" disabled={!canImport} onClick={onImport}>
              {t("leads.importRows", { count: report.totals.rows - report.totals.error })}
            </button>
            {report.totals.error > 0 && <span className="muted">{t("leads.errorsSkipped", { count: report.totals.error })}</span>}
          </div>
        </section>
      )}
    </>
  );
}

function Totals({ report }: { report: ImportReport }) {
  const { t } = useTranslation("leads");
  const { fmt } = useI18n();
  return (
    <ul className="import-totals">
      {outcomes.map((o) => (
        <li key={o} className={`import-totals__item outcome--${o}`}>
          <span className="import-totals__n">{fmt.number(report.totals[o])}</span> {t(`leads.outcome${report.dryRun ? "Will" : "Did"}.${o}`)}
        </li>
      ))}
    </ul>
  );
}

function RowsTable({ file, report }: { file: CsvFile; report: ImportReport }) {
  const { t } = useTranslation("leads");
  const { fmt } = useI18n();
  return (
    <div className="table-wrap import-rows">
      <table className="leads-table">
        <caption className="visually-hidden">{t("leads.rowOutcomes")}</caption>
        <thead>
          <tr><th scope="col" className="num">{t("leads.rowNo")}</th><th scope="col">{t("leads.rowData")}</th><th scope="col">{t("leads.rowOutcome")}</th><th scope="col">{t("leads.rowMessages")}</th></tr>
        </thead>
        <tbody>
          {report.rows.map((r) => (
            <tr key={r.row} className={`outcome-row outcome-row--${r.outcome}`}>
              <th scope="row" className="num" data-label={t("leads.rowNo")}>{fmt.number(r.row)}</th>
              <td data-label={t("leads.rowData")}>{(file.rows[r.row - 2] ?? []).filter(Boolean).slice(0, 3).join(" · ")}</td>
              <td data-label={t("leads.rowOutcome")}><span className={`outcome outcome--${r.outcome}`}>{t(`leads.outcome.${r.outcome}`)}</span></td>
              <td data-label={t("leads.rowMessages")}>{r.errors.length ? r.errors.map((e) => `${e.field}: ${e.message}`).join("; ") : "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** After the import: what happened, and the proof that a second run creates nothing. */
export function ImportSummary({ report, onAgain }: { report: ImportReport; onAgain(): void }) {
  const { t } = useTranslation("leads");
  return (
    <section className="panel" aria-labelledby="import-summary">
      <h2 id="import-summary">{t("leads.summary")}</h2>
      <Totals report={report} />
      <p className="muted">{t("leads.rerunHint")}</p>
      <RowsOfErrors report={report} />
      <button type="button" className="button" onClick={onAgain}>{t("leads.rerun")}</button>
    </section>
  );
}

function RowsOfErrors({ report }: { report: ImportReport }) {
  const { t } = useTranslation("leads");
  const errors = report.rows.filter((r) => r.outcome === "error");
  if (errors.length === 0) return null;
  return (
    <ul className="import-errors">
      {errors.map((r) => <li key={r.row}>{t("leads.rowError", { row: r.row, message: r.errors.map((e) => e.message).join("; ") })}</li>)}
    </ul>
  );
}
