import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { LoadingState } from "../../components/status-views.tsx";
import { describeError } from "../../i18n/describe-error.ts";
import { useI18n } from "../../i18n/use-i18n.ts";
import { importChunkRows, previewChunkRows, readCsvText, runImport, type CsvFile } from "./import-chunks.ts";
import { ImportPreview, ImportSummary } from "./import-preview.tsx";
import type { ImportReport, ImportTarget } from "./leads-api.ts";
import { leadKeys, useLeadsApi } from "./use-leads-api.ts";

type Mapping = Record<string, ImportTarget>;

/** Pick a CSV, read the server's dry run (mapping, per-row outcome), adjust the mapping, then import in chunks. */
export function LeadImport() {
  const { t } = useTranslation("leads");
  const { t: tc, fmt } = useI18n();
  const leads = useLeadsApi();
  const client = useQueryClient();
  const fileId = useId();
  const [file, setFile] = useState<CsvFile | null>(null);
  const [mapping, setMapping] = useState<Mapping>({});
  const [done, setDone] = useState(0);

  const preview = useMutation({
    mutationFn: ({ csv, map }: { csv: CsvFile; map: Mapping | undefined }) => runImport(leads, csv, map, { dryRun: true, chunkRows: previewChunkRows }),
    onSuccess: (report, { csv }) => setMapping(mappingOf(csv, report)),
  });
  const run = useMutation({
    mutationFn: (csv: CsvFile) => {
      setDone(0);
      return runImport(leads, csv, mapping, { dryRun: false, chunkRows: importChunkRows, onProgress: setDone });
    },
    onSettled: () => client.invalidateQueries({ queryKey: leadKeys.all }),
  });

  const pick = async (picked: File | undefined) => {
    run.reset();
    if (!picked) return setFile(null);
    const csv = readCsvText(picked.name, await picked.text());
    setFile(csv);
    setMapping(Object.fromEntries(csv.header.map((h) => [h, "skip"])));
    preview.mutate({ csv, map: undefined });
  };
  const total = file?.rows.length ?? 0;
  const percent = total === 0 ? 0 : Math.round((done / total) * 100);
  const busy = preview.isPending || run.isPending;

  return (
    <div className="screen screen--import">
      <Link className="back-link" to="/leads">← {t("leads.back")}</Link>
      <div className="screen__header"><h1>{t("leads.importTitle")}</h1></div>
      <section className="panel">
        <p className="muted">{t("leads.importHint")}</p>
        <div className="field">
          <label className="field__label" htmlFor={fileId}>{t("leads.csvFile")}</label>
          <input id={fileId} type="file" accept=".csv,text/csv" disabled={busy} onChange={(e) => void pick(e.target.files?.[0])} />
        </div>
        {file && <p className="muted">{t("leads.fileRows", { name: file.name, count: total })}</p>}
      </section>
      {preview.isPending && <LoadingState label={t("leads.previewing")} />}
      {preview.isError && <div className="alert alert--error" role="alert">{t("leads.previewFailed", { message: describeError(preview.error, tc) })}</div>}
      {file && !preview.isPending && !run.isPending && !run.data && (
        <ImportPreview file={file} report={preview.data} mapping={mapping} onMapping={setMapping}
          onRepreview={() => preview.mutate({ csv: file, map: mapping })} onImport={() => run.mutate(file)} canImport={preview.isSuccess} />
      )}
      {(run.isPending || run.data) && (
        <section className="panel" aria-labelledby="import-progress">
          <h2 id="import-progress">{t("leads.importing")}</h2>
          <div className="progress" role="progressbar" aria-label={t("leads.importProgress")} aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} aria-valuetext={fmt.percent(percent)}>
            <div className="progress__bar" style={{ width: `${percent}%` }} />
          </div>
          <p className="muted">{t("leads.progressRows", { done: fmt.number(done), total: fmt.number(total), percent: fmt.percent(percent) })}</p>
        </section>
      )}
      {run.isError && <div className="alert alert--error" role="alert">{t("leads.importFailed", { message: describeError(run.error, tc), done: fmt.number(done) })}</div>}
      {run.data && <ImportSummary report={run.data} onAgain={() => run.mutate(file ?? run.variables)} />}
    </div>
  );
}

/** The mapping the server applied, every column named (unmapped ones skipped), for the user to adjust. */
function mappingOf(csv: CsvFile, report: ImportReport): Mapping {
  return Object.fromEntries(csv.header.map((h) => [h, (report.mapping[h] as ImportTarget | undefined) ?? "skip"]));
}
