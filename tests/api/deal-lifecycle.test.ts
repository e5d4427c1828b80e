import { beforeAll, describe, expect, it } from "vitest";
import { startTestApi } from "../support/api.ts";
import { dealFactory } from "./deal-fixtures.ts";

let api: Awaited<ReturnType<typeof startTestApi>>;
let rep: string; // li.na, East
let rep2: string; // wang.fang, East
let admin: string;
let f: Awaited<ReturnType<typeof dealFactory>>;
let skipping: Awaited<ReturnType<typeof dealFactory>>;

beforeAll(async () => {
  api = await startTestApi();
  rep = await api.login("li.na@dealflow.dev");
  rep2 = await api.login("wang.fang@dealflow.dev");
  admin = await api.login("admin@dealflow.dev");
  f = await dealFactory(api, admin, rep, { name: "Gated" });
  skipping = await dealFactory(api, admin, rep, { name: "Gated with skips", allowSkip: true });
});

describe("stage gates", () => {
  it("refuses leaving a stage with every missing field listed, and passes once they are filled in the same request", async () => {
    const d = await f.deal();
    const blocked = await f.move(d, "b");
    expect(blocked).toMatchObject({ status: 422, body: { code: "gate_blocked", field: "stage" } });
    expect(f.unmet(blocked)).toEqual(["field:amount", "field:expectedCloseDate", "field:needs"]);
    expect((await f.read(d))).toMatchObject({ stage: "a", version: 1 });

    const passed = await f.move(d, "b", f.ready);
    expect(passed).toMatchObject({ status: 200, body: { stage: "b", probability: 30, amount: 120000, version: 2 } });
  });

  it("counts only activities logged during the current stay", async () => {
    const d = await f.deal(f.ready);
    await f.log(d, "visit"); // logged while in a: must not open b's gate later
    const inB = (await f.move(d, "b")).body;
    await f.log(inB, "call");
    const blocked = await f.move(inB, "c");
    expect(blocked.status).toBe(422);
    expect(blocked.body.details.unmet).toEqual([expect.objectContaining({ kind: "activity", key: "visit", stage: "b" })]);
    await f.log(inB, "visit");
    expect((await f.move(inB, "c")).body).toMatchObject({ stage: "c", version: 3 });
  });

  it("lists unmet fields, roles and activities together, then lets the deal through when all are met", async () => {
    const d = await f.dealInC();
    const blocked = await f.move(d, "d", { contacts: [{ contactId: f.influencer, role: "influencer" }] });
    expect(blocked.status).toBe(422);
    expect(f.unmet(blocked)).toEqual(["activity:meeting", "field:budget", "role:decision_maker"]);
    expect(blocked.body.message).toContain("3 unmet");

    await f.log(d, "meeting");
    const passed = await f.move(d, "d", { budget: "Approved", contacts: [{ contactId: f.decisionMaker, role: "decision_maker" }] });
    expect(passed).toMatchObject({ status: 200, body: { stage: "d", budget: "Approved" } });
  });

  it("allows moving backwards without a gate and records it in the history and the event", async () => {
    const d = await f.dealInC();
    const back = await f.move(d, "a");
    expect(back).toMatchObject({ status: 200, body: { stage: "a", probability: 10 } });
    const history = (await f.read(d)).stageHistory;
    expect(history.map((h: { stage: string; kind: string }) => `${h.kind}:${h.stage}`)).toEqual(["created:b", "forward:c", "backward:a"]);
    expect(history[2]).toMatchObject({ fromStage: "c" });
    expect(history[2].leftAt).toBeUndefined();
    const event = api.events.filter((e) => e.name === "opportunity.stage_changed" && e.data.opportunityId === d.opportunityId).at(-1);
    expect(event?.data).toMatchObject({ fromStage: "c", toStage: "a", direction: "backward" });
  });

  it("refuses skipping stages unless the pipeline allows it, and then applies the skipped stages' gates", async () => {
    const d = await f.deal(f.ready);
    expect(await f.move(d, "c")).toMatchObject({ status: 422, body: { code: "stage_skip", details: { next: "b" } } });
    expect((await api.call("POST", "/opportunities", { token: rep, body: { name: "x", accountId: f.accountId, pipelineId: f.pipelineId, stage: "c", ...f.ready } })).body.code).toBe("stage_skip");

    const s = await skipping.deal(skipping.ready);
    const blocked = await skipping.move(s, "c");
    expect(blocked.body.details.unmet).toEqual([expect.objectContaining({ kind: "activity", key: "visit", stage: "b" })]);
    await skipping.log(s, "visit");
    expect((await skipping.move(s, "c")).body).toMatchObject({ stage: "c", probability: 50 });
    const event = api.events.find((e) => e.name === "opportunity.stage_changed" && e.data.opportunityId === s.opportunityId);
    expect(event?.data).toMatchObject({ fromStage: "a", toStage: "c", skipped: ["b"], direction: "forward" });
  });

  it("refuses gates that name unknown fields, activity types or roles when a pipeline is saved", async () => {
    const stages = [{ key: "x", name: "X", probability: 5, forecastCategory: "pipeline", requiredFields: ["shoeSize"] }];
    expect(await api.call("POST", "/pipelines", { token: admin, body: { name: "Bad gate", stages } })).toMatchObject({ status: 400, body: { field: "stages.0.requiredFields.0" } });
  });
});

describe("concurrent and bulk moves", () => {
  it("lets one of two simultaneous moves win (the other gets 409) and keeps the history whole", async () => {
    const d = (await f.move(await f.deal(f.ready), "b")).body;
    await f.log(d, "visit");
    const [x, y] = await Promise.all([f.move(d, "c"), f.move(d, "a")]);
    expect([x.status, y.status].sort()).toEqual([200, 409]);
    const winner = (x.status === 200 ? x : y).body;
    const full = await f.read(d);
    expect(full).toMatchObject({ stage: winner.stage, version: 3, stageSeq: 3 });
    expect(full.stageHistory.map((h: { seq: number }) => h.seq)).toEqual([1, 2, 3]);
    expect(full.stageHistory.filter((h: { leftAt?: string }) => !h.leftAt).map((h: { stage: string }) => h.stage)).toEqual([winner.stage]);
  });

  it("answers each item of a bulk move on its own, through the same checks", async () => {
    const ok = await f.deal(f.ready);
    const stale = await f.deal(f.ready);
    await f.move(stale, "b");
    const gated = await f.deal();
    const theirs = await dealFactory(api, admin, rep2, { name: "Theirs" }).then((g) => g.deal(g.ready));
    const res = await api.call("POST", "/opportunities/bulk-move", { token: rep, body: { moves: [
      { opportunityId: ok.opportunityId, version: 1, stage: "b" }, { opportunityId: stale.opportunityId, version: 1, stage: "b" },
      { opportunityId: gated.opportunityId, version: 1, stage: "b" }, { opportunityId: theirs.opportunityId, version: 1, stage: "b" },
      { opportunityId: "no-such-deal", version: 1, stage: "b" },
    ] } });
    expect(res.status).toBe(200);
    expect(res.body.results.map((r: { status: number }) => r.status)).toEqual([200, 409, 422, 403, 404]);
    expect(res.body.results[0]).toMatchObject({ opportunityId: ok.opportunityId, version: 2, stage: "b" });
    expect(res.body.results[2].error).toMatchObject({ code: "gate_blocked", details: { unmet: expect.any(Array) } });
    expect((await f.read(ok)).stage).toBe("b");
    expect((await f.read(gated)).stage).toBe("a");

    const tooMany = Array.from({ length: 51 }, () => ({ opportunityId: ok.opportunityId, version: 2, stage: "c" }));
    expect(await api.call("POST", "/opportunities/bulk-move", { token: rep, body: { moves: tooMany } })).toMatchObject({ status: 400, body: { field: "moves" } });
  });
});

describe("pipeline edits", () => {
  it("refuses removing a stage that still holds open deals, naming them, and allows renames", async () => {
    const g = await dealFactory(api, admin, rep, { name: "Editable" });
    const inB = (await g.move(await g.deal(g.ready), "b")).body;
    const pipeline = (await api.call("GET", `/pipelines/${g.pipelineId}`, { token: admin })).body;
    const withoutB = pipeline.stages.filter((s: { key: string }) => s.key !== "b");
    const refused = await api.call("PATCH", `/pipelines/${g.pipelineId}`, { token: admin, body: { version: pipeline.version, stages: withoutB } });
    expect(refused).toMatchObject({ status: 422, body: { code: "stage_in_use", field: "stages", details: { stages: ["b"], deals: [{ opportunityId: inB.opportunityId, name: "Gate test deal", stage: "b" }] } } });

    const renamed = pipeline.stages.map((s: { key: string; name: string }) => (s.key === "b" ? { ...s, name: "Site visit", probability: 35 } : s));
    const ok = await api.call("PATCH", `/pipelines/${g.pipelineId}`, { token: admin, body: { version: pipeline.version, stages: renamed } });
    expect(ok).toMatchObject({ status: 200, body: { version: pipeline.version + 1 } });

    await g.move(inB, "a");
    const removed = await api.call("PATCH", `/pipelines/${g.pipelineId}`, { token: admin, body: { version: pipeline.version + 1, stages: withoutB } });
    expect(removed.status).toBe(200);
    expect(removed.body.stages.map((s: { key: string }) => s.key)).toEqual(["a", "c", "d", "e"]);
  });
});
