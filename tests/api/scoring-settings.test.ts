import { beforeAll, describe, expect, it } from "vitest";
import { startTestApi } from "../support/api.ts";

const api = await startTestApi();
const team = (email: string) => api.seeded.users.find((u) => u.email === email)?.teamId ?? "";
const east = team("zhang.wei@dealflow.dev");
const global = team("sarah.lee@dealflow.dev");
let admin: string, manager: string, rep: string, otherRep: string;

beforeAll(async () => {
  [admin, manager, rep, otherRep] = await Promise.all([api.login("admin@dealflow.dev"), api.login("zhang.wei@dealflow.dev"), api.login("li.na@dealflow.dev"), api.login("tom.baker@dealflow.dev")]);
});

const base = { interestRules: [{ activityType: "demo_request", points: 20 }], touchPoints: 3, halfLifeDays: 7, qualifyThreshold: 40, grades: { A: 60, B: 40, C: 20 } };
const rules = { ...base, fitRules: [{ field: "industry", op: "in", values: ["software"], points: 30, label: "Software company" }, { field: "email", op: "exists", points: 5 }] };

describe("scoring rules settings", () => {
  it("shows the built-in defaults to the team until its manager saves rules; then stored, versioned rules", async () => {
    const before = await api.call("GET", "/settings/scoring", { token: rep });
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ teamId: east, source: "defaults", version: null, halfLifeDays: 14, qualifyThreshold: 60, touchPoints: 2 });
    expect(before.body.interestRules).toContainEqual({ activityType: "demo_request", points: 15 });

    expect((await api.call("PUT", "/settings/scoring", { token: rep, body: rules })).status).toBe(403);
    const saved = await api.call("PUT", "/settings/scoring", { token: manager, body: rules });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ teamId: east, source: "saved", version: 1, qualifyThreshold: 40, fitRules: rules.fitRules });
    expect((await api.call("GET", "/settings/scoring", { token: rep })).body).toEqual(saved.body);

    const noVersion = await api.call("PUT", "/settings/scoring", { token: manager, body: rules });
    expect(noVersion).toMatchObject({ status: 400, body: { code: "validation_failed", field: "version" } });
    const updated = await api.call("PUT", "/settings/scoring", { token: manager, body: { ...rules, version: 1, halfLifeDays: 10 } });
    expect(updated.body).toMatchObject({ version: 2, halfLifeDays: 10 });
    const stale = await api.call("PUT", "/settings/scoring", { token: manager, body: { ...rules, version: 1 } });
    expect(stale).toMatchObject({ status: 409, body: { code: "conflict", field: "version" } });
  });

  it("keeps teams apart: a manager cannot touch another team's rules; an admin names the team", async () => {
    expect((await api.call("GET", `/settings/scoring?teamId=${global}`, { token: manager })).status).toBe(403);
    expect((await api.call("PUT", `/settings/scoring?teamId=${global}`, { token: manager, body: rules })).status).toBe(403);
    const byAdmin = await api.call("PUT", `/settings/scoring?teamId=${global}`, { token: admin, body: { ...rules, qualifyThreshold: 90 } });
    expect(byAdmin.body).toMatchObject({ teamId: global, qualifyThreshold: 90, version: 1 });
    expect((await api.call("GET", "/settings/scoring", { token: otherRep })).body).toMatchObject({ teamId: global, qualifyThreshold: 90 });
    expect((await api.call("GET", "/settings/scoring?teamId=no-such-team", { token: admin })).status).toBe(404);
  });

  it.each([
    [{ ...rules, fitRules: [{ field: "industry", op: "like", value: "x", points: 1 }] }, "fitRules.0.op"],
    [{ ...rules, fitRules: [{ field: "industry", op: "equals", points: 1 }] }, "fitRules.0.value"],
    [{ ...rules, fitRules: [{ field: "industry", op: "in", value: "software", points: 1 }] }, "fitRules.0.values"],
    [{ ...rules, fitRules: [{ field: "shoeSize", op: "exists", points: 1 }] }, "fitRules.0.field"],
    [{ ...rules, fitRules: [{ field: "title", op: "contains", value: "VP", values: ["CEO"], points: 1 }] }, "fitRules.0.values"],
    [{ ...rules, fitRules: [{ field: "email", op: "exists", points: 1000 }] }, "fitRules.0.points"],
    [{ ...rules, interestRules: [{ activityType: "webinar", points: 5 }, { activityType: "webinar", points: 6 }] }, "interestRules.1.activityType"],
    [{ ...rules, interestRules: [{ activityType: "sneeze", points: 5 }] }, "interestRules.0.activityType"],
    [{ ...rules, halfLifeDays: 0 }, "halfLifeDays"],
    [{ ...rules, grades: { A: 10, B: 40, C: 20 } }, "grades.B"],
    [{ ...rules, colour: "red" }, undefined],
  ])("refuses bad rules with a 400 naming the field (%#)", async (body, field) => {
    const res = await api.call("PUT", `/settings/scoring?teamId=${global}`, { token: admin, body });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: "validation_failed", ...(field && { field }) });
    expect(typeof res.body.message).toBe("string");
  });
});

describe("re-score and the score explanation", () => {
  it("saving rules touches no lead; a re-score applies them to the team's open leads and explains each score", async () => {
    expect(api.events.filter((e) => e.name.startsWith("lead."))).toEqual([]);
    expect((await api.call("POST", "/settings/scoring/rescore", { token: rep })).status).toBe(403);
    const res = await api.call("POST", "/settings/scoring/rescore", { token: manager });
    expect(res.status).toBe(200);
    const open = (await api.db.entities.lead.query.byTeamStatus({ teamId: east }).go({ pages: "all" })).data.filter((l) => !["converted", "disqualified"].includes(l.status));
    expect(res.body).toMatchObject({ teamId: east, scanned: open.length, rescored: open.length });
    const scored = api.events.filter((e) => e.name === "lead.scored");
    expect(scored).toHaveLength(open.length);

    const software = open.find((l) => l.industry === "software");
    if (!software) throw new Error("the demo seed has no open software lead in East");
    const view = await api.call("GET", `/leads/${software.leadId}/score`, { token: manager });
    expect(view.status).toBe(200);
    expect(view.body.stored).toMatchObject({ fitScore: 35, totalScore: 35, grade: "C" });
    expect(view.body.current.explanation).toEqual([
      { kind: "fit", rule: "Software company", points: 30, decayedPoints: 30 },
      { kind: "fit", rule: "email exists", points: 5, decayedPoints: 5 },
    ]);
    expect(view.body.rules).toMatchObject({ source: "saved", version: 2, halfLifeDays: 10, qualifyThreshold: 40 });
    expect((await api.call("GET", `/leads/${software.leadId}/score`, { token: otherRep })).status).toBe(404);
  });
});
