import { describe, expect, it } from "vitest";
import { chooseRep, pickTeam, repFits, rotation, teamTerritories, type TerritoryRule } from "./territory.ts";

const lead = { teamId: "inbox", region: "华东", industry: "Software", companySize: "51-200" };

describe("pickTeam", () => {
  const rules: TerritoryRule[] = [
    { match: { regions: ["EMEA"] }, teamId: "emea" },
    { match: { regions: ["华东"], industries: ["manufacturing"] }, teamId: "east-factories" },
    { match: { regions: ["华东", "华北"], companySizes: ["51-200"] }, teamId: "east-mid" },
    { match: {}, teamId: "catch-all" },
  ];

  it("takes the first rule whose every named attribute matches, ignoring case", () => {
    expect(pickTeam(rules, lead)).toEqual({ teamId: "east-mid", rule: 2 });
    expect(pickTeam(rules, { ...lead, industry: "MANUFACTURING" })).toEqual({ teamId: "east-factories", rule: 1 });
  });

  it("does not let a rule that names an attribute match a lead without it", () => {
    expect(pickTeam(rules.slice(0, 3), { teamId: "inbox", industry: "software" })).toEqual({ teamId: "inbox", rule: null });
  });

  it("keeps the lead's team when no rule matches", () => {
    expect(pickTeam([], lead)).toEqual({ teamId: "inbox", rule: null });
  });
});

describe("teamTerritories (no saved rules)", () => {
  const teams = [
    { teamId: "global", regions: ["APAC", "EMEA", "NA"] },
    { teamId: "east", regions: ["华东"] },
    { teamId: "no-territory" },
  ];

  it("routes a lead to the team that covers its region", () => {
    expect(pickTeam(teamTerritories(teams, "global"), { teamId: "global", region: "华东" }).teamId).toBe("east");
  });

  it("keeps a lead in its own team when that team covers it, and ignores teams without a territory", () => {
    const both = [...teams, { teamId: "east-2", regions: ["华东"] }];
    expect(pickTeam(teamTerritories(both, "east-2"), { teamId: "east-2", region: "华东" }).teamId).toBe("east-2");
    expect(teamTerritories(teams, "x").map((r) => r.teamId)).toEqual(["global", "east"]);
  });
});

describe("repFits", () => {
  const rep = { userId: "li", role: "rep", capacity: 3, regions: ["华东"], industries: [] };

  it("takes an active rep under capacity whose territory covers the lead", () => {
    expect(repFits(rep, lead, 2)).toBe(true);
  });

  it("skips reps at capacity, inactive users, non-reps and reps of other regions", () => {
    expect(repFits(rep, lead, 3)).toBe(false);
    expect(repFits({ ...rep, active: false }, lead, 0)).toBe(false);
    expect(repFits({ ...rep, role: "manager" }, lead, 0)).toBe(false);
    expect(repFits({ ...rep, regions: ["华南"] }, lead, 0)).toBe(false);
    expect(repFits({ ...rep, capacity: 0 }, lead, 0)).toBe(false);
  });

  it("lets a lead that does not say its region go to a rep with a territory", () => {
    expect(repFits(rep, { teamId: "inbox" }, 0)).toBe(true);
  });
});

describe("chooseRep", () => {
  const reps = [
    { userId: "c", load: 1 },
    { userId: "a", load: 4 },
    { userId: "b", load: 1 },
  ];

  it("round-robin takes the rep after the cursor and wraps around", () => {
    expect(rotation(["c", "a", "b"], "b")).toEqual(["c", "a", "b"]);
    expect(chooseRep("round_robin", reps, undefined)).toBe("a");
    expect(chooseRep("round_robin", reps, "a")).toBe("b");
    expect(chooseRep("round_robin", reps, "c")).toBe("a");
    // The cursor's rep left the team: the turn passes to the next id after theirs.
    expect(chooseRep("round_robin", reps, "bb")).toBe("c");
  });

  it("least-loaded takes the fewest open leads, ties in cursor order", () => {
    expect(chooseRep("least_loaded", reps, undefined)).toBe("b");
    expect(chooseRep("least_loaded", reps, "b")).toBe("c");
    expect(chooseRep("least_loaded", [], undefined)).toBeUndefined();
  });
});
