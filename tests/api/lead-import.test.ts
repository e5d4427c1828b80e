import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { startTestApi } from "../support/api.ts";

const api = await startTestApi();
const { call, login, events } = api;
let admin: string;
let manager: string;
let rep: string;
const root = resolve(import.meta.dirname, "../..");
const globalTeam = api.seeded.users.find((u) => u.email === "sarah.lee@dealflow.dev")?.teamId ?? "";

const importCsv = (csv: string, opts: { dryRun?: boolean; token?: string; body?: Record<string, unknown> } = {}) =>
  call("POST", `/imports/leads?dryRun=${opts.dryRun ?? false}`, { token: opts.token ?? manager, body: { csv, ...opts.body } });
const createdFor = (email: string) => events.filter((e) => e.name === "lead.created" && (e.data.record as { email?: string }).email === email);
const outcomes = (body: Record<string, any>) => body.rows.map((r: { row: number; outcome: string }) => [r.row, r.outcome]);

beforeAll(async () => {
  [admin, manager, rep] = await Promise.all(["admin@dealflow.dev", "zhang.wei@dealflow.dev", "li.na@dealflow.dev"].map(login)) as [string, string, string];
});

const chinese = ["姓名,邮箱,电话,公司,职位,备注", "赵六,zhao.liu@import.cn,13900139000,六合科技,采购经理,展会", "钱七,qian.qi@import.cn,,七星集团,CTO,", ",not-an-email,,,,", "钱七,QIAN.QI@import.cn,13700137000,七星集团,CTO,重复"].join("\n");

describe("CSV import over the API", () => {
  it("a dry run reports every row (Chinese headers mapped by name) and writes nothing", async () => {
    const before = events.length;
    const res = await importCsv(chinese, { dryRun: true, body: { campaign: "expo-2025" } });
    expect(res.status).toBe(200);
    expect(res.body.mapping).toEqual({ 姓名: "name", 邮箱: "email", 电话: "phone", 公司: "companyName", 职位: "title" });
    expect(res.body.unmappedColumns).toEqual(["备注"]);
    expect(outcomes(res.body)).toEqual([[2, "create"], [3, "create"], [4, "error"], [5, "touch"]]);
    expect(res.body.rows[2].errors.map((e: { field: string }) => e.field).sort()).toEqual(["email", "name"]);
    expect(res.body.totals).toEqual({ rows: 4, create: 2, touch: 1, unchanged: 0, error: 1 });
    expect(events.length).toBe(before);
  });

  it("a real run imports the good rows and reports the bad; running the same file again creates nothing", async () => {
    const first = await importCsv(chinese, { body: { campaign: "expo-2025" } });
    expect(outcomes(first.body)).toEqual([[2, "create"], [3, "create"], [4, "error"], [5, "touch"]]);
    const [zhao] = createdFor("zhao.liu@import.cn");
    expect(zhao?.data.record).toMatchObject({ source: "import", campaign: "expo-2025", phone: "+8613900139000", companyName: "六合科技", title: "采购经理" });
    expect(first.body.rows[0].leadId).toBe(zhao?.data.leadId);
    expect(first.body.rows[3].leadId).toBe(first.body.rows[1].leadId);

    const again = await importCsv(chinese, { body: { campaign: "expo-2025" } });
    expect(outcomes(again.body)).toEqual([[2, "unchanged"], [3, "unchanged"], [4, "error"], [5, "unchanged"]]);
    expect(createdFor("zhao.liu@import.cn")).toHaveLength(1);
    expect(createdFor("qian.qi@import.cn")).toHaveLength(1);
    const dry = await importCsv(chinese, { dryRun: true, body: { campaign: "expo-2025" } });
    expect(dry.body.totals).toMatchObject({ unchanged: 3, create: 0, error: 1 });
  });

  it("a row with new details of a known person touches that lead", async () => {
    const csv = "Name,Email,Phone\n赵六,zhao.liu@import.cn,13900139001\n";
    const dry = await importCsv(csv, { dryRun: true });
    const lead = createdFor("zhao.liu@import.cn")[0]?.data.leadId;
    expect(dry.body.rows[0]).toMatchObject({ outcome: "touch", leadId: lead });
    const real = await importCsv(csv);
    expect(real.body.rows[0]).toMatchObject({ outcome: "touch", leadId: lead });
  });

  it("takes an explicit mapping for headers it does not know, and refuses a wrong one clearly", async () => {
    const csv = "Contact Person,Mail,Org,Notes\nAna Lima,ana@import.io,Lima Ltd,vip\n";
    const ok = await importCsv(csv, { body: { mapping: { "Contact Person": "name", Mail: "email", Org: "companyName", Notes: "skip" } } });
    expect(ok.status).toBe(200);
    expect(outcomes(ok.body)).toEqual([[2, "create"]]);
    expect(createdFor("ana@import.io")[0]?.data.record).toMatchObject({ name: "Ana Lima", companyName: "Lima Ltd" });
    expect(await importCsv(csv)).toMatchObject({ status: 422, body: { code: "name_unmapped", field: "mapping" } });
    expect(await importCsv(csv, { body: { mapping: { Nmae: "name" } } })).toMatchObject({ status: 422, body: { code: "unknown_column" } });
    expect((await importCsv(csv, { body: { mapping: { Mail: "budget" } } })).status).toBe(400);
  });

  it("imports into the team asked for (admins), refuses reps and other teams for managers", async () => {
    const csv = "Name,Email\nKai Global,kai@import.io\n";
    expect((await importCsv(csv, { token: rep })).status).toBe(403);
    expect((await importCsv(csv, { body: { teamId: globalTeam } })).status).toBe(403);
    const res = await importCsv(csv, { token: admin, body: { teamId: globalTeam } });
    expect(res.body.teamId).toBe(globalTeam);
    expect(createdFor("kai@import.io")[0]?.data.record).toMatchObject({ teamId: globalTeam });
  });

  it("is documented in the OpenAPI description with the web-form routes", async () => {
    const doc = (await (await fetch(`${api.url}/openapi.json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/imports/leads", "/web-forms", "/web-forms/{id}/embed", "/f/{formId}"]));
  });

  // Last over HTTP: the 413 answers before reading the body, which leaves that keep-alive connection unusable.
  it("refuses files over the limits with a clear error and writes nothing", async () => {
    const before = events.length;
    const many = ["Name", ...Array.from({ length: 5001 }, (_, i) => `P${i}`)].join("\n");
    expect(await importCsv(many)).toMatchObject({ status: 422, body: { code: "too_many_rows", field: "csv" } });
    const huge = await importCsv(`Name\n${"x".repeat(3.2 * 1024 * 1024)}`);
    expect(huge).toMatchObject({ status: 413, body: { code: "payload_too_large" } });
    expect(await importCsv('Name\n"open')).toMatchObject({ status: 422, body: { code: "csv_invalid" } });
    expect(events.length).toBe(before);
  });

});

function runCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(join(root, "node_modules/.bin/tsx"), ["packages/local/src/import-cli.ts", ...args], { cwd: root, env: { ...process.env, DEALFLOW_API_URL: "" } }, (err, stdout, stderr) => {
      done({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe("npm run import (the CLI) against a running API", () => {
  const dir = mkdtempSync(join(tmpdir(), "dealflow-import-"));
  const file = join(dir, "leads.csv");
  writeFileSync(file, "\uFEFFFull Name,E-mail,Company\nCli One,one@cli.io,One Co\nCli Two,two@cli.io,Two Co\nCli Bad,broken,\n");

  it("imports in parts with a progress bar, prints the report and exits non-zero for bad rows; a re-run changes nothing", async () => {
    const first = await runCli([file, "--api", api.url, "--part-rows", "2"]);
    expect(first.stderr).toContain("] 3/3 rows");
    expect(first.stdout).toContain("Columns: Full Name → name, E-mail → email, Company → companyName");
    expect(first.stdout).toContain("row 4: email:");
    expect(first.stdout).toContain("3 rows; did create 2, did touch 0, unchanged 0, errors 1.");
    expect(first.code).toBe(1);
    expect(createdFor("one@cli.io")).toHaveLength(1);

    const dry = await runCli([file, "--dry-run", "--api", api.url]);
    expect(dry.stdout).toContain("Dry run, nothing written: 3 rows; would create 0, would touch 0, unchanged 2, errors 1.");
    expect(createdFor("two@cli.io")).toHaveLength(1);
  }, 60_000);

  it("says what is wrong when no API answers, with exit code 2", async () => {
    const res = await runCli([file, "--api", "http://127.0.0.1:9"]);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain("No Dealflow API is reachable");
  }, 30_000);
});
