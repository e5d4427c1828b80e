import { describe, expect, it } from "vitest";
import type { Pipeline } from "../pipeline/pipeline.ts";
import type { Ctx } from "../records/context.ts";
import { planMove, unmetRequirements } from "./gate.ts";

const stage = (key: string, gate: Partial<Pipeline["stages"][number]> = {}) => ({ key, name: key.toUpperCase(), probability: 10, forecastCategory: "pipeline" as const, ...gate });
const pipeline = (allowSkip: boolean): Pipeline => ({
  pipelineId: "p", teamId: "t", version: 1, createdAt: "", updatedAt: "", createdBy: "", name: "P", isDefault: false, allowSkip,
  stages: [stage("a", { requiredFields: ["amount", "needs"] }), stage("b", { requiredRoles: ["decision_maker"] }), stage("c"), stage("d")],
});
// Field and role checks read only the deal; a context that fails on any use proves they touch no storage.
const noStorage = new Proxy({}, { get: () => { throw new Error("storage used"); } }) as Ctx;

describe("planMove", () => {
  it("gates a one-step forward move with the current stage only", () => {
    const plan = planMove(pipeline(false), "a", "b");
    expect(plan).toMatchObject({ direction: "forward", skipped: [] });
    expect(plan.gated.map((s) => s.key)).toEqual(["a"]);
  });

  it("moves backwards with no gate", () => {
    expect(planMove(pipeline(false), "c", "a")).toMatchObject({ direction: "backward", gated: [] });
  });

  it("refuses a skip unless the pipeline allows it, then gates every stage left behind", () => {
    expect(() => planMove(pipeline(false), "a", "c")).toThrow(expect.objectContaining({ status: 422, code: "stage_skip" }));
    const plan = planMove(pipeline(true), "a", "d");
    expect(plan.skipped).toEqual(["b", "c"]);
    expect(plan.gated.map((s) => s.key)).toEqual(["a", "b", "c"]);
  });

  it("names the stages of the pipeline when the target is unknown", () => {
    expect(() => planMove(pipeline(false), "a", "zz")).toThrow(expect.objectContaining({ code: "unknown_stage", message: expect.stringContaining("a, b, c, d") }));
  });
});

describe("unmetRequirements", () => {
  it("treats a zero amount, blank text and a committee without the role as unmet", async () => {
    const firstTwo = pipeline(true).stages.slice(0, 2);
    const deal = { amount: 0, needs: "   ", contacts: [{ contactId: "c1", role: "influencer" }] };
    const unmet = await unmetRequirements(noStorage, firstTwo, deal, "o", new Date().toISOString());
    expect(unmet.map((u) => `${u.stage}/${u.kind}:${u.key}`)).toEqual(["a/field:amount", "a/field:needs", "b/role:decision_maker"]);
  });

  it("finds nothing unmet once the fields and roles are there", async () => {
    const firstTwo = pipeline(true).stages.slice(0, 2);
    const deal = { amount: 5, needs: "ERP", contacts: [{ contactId: "c1", role: "decision_maker" }] };
    expect(await unmetRequirements(noStorage, firstTwo, deal, "o", new Date().toISOString())).toEqual([]);
  });
});
