import type { FitField, FitRule, Grade, Grades, ScoringRuleSet } from "./scoring-rules.schema.ts";

/** The lead attributes fit rules read (a Lead item has all of these). */
export interface ScorableLead {
  industry?: string | undefined;
  companySize?: string | undefined;
  title?: string | undefined;
  region?: string | undefined;
  source?: string | undefined;
  campaign?: string | undefined;
  tags?: string[] | undefined;
  email?: string | undefined;
  phone?: string | undefined;
  companyName?: string | undefined;
}

/** One behaviour fact: a marketing activity (points by type) or a repeat capture (the touch points). */
export type InterestFact =
  | { kind: "activity"; id: string; activityType: string; at: string }
  | { kind: "touch"; id: string; channel: string; at: string };

export interface ScoreLine {
  kind: "fit" | "interest" | "touch";
  rule: string;
  points: number;
  /** Fit points never decay; behaviour points halve every `halfLifeDays`. */
  decayedPoints: number;
  at?: string;
  ageDays?: number;
}

export interface LeadScore {
  fitScore: number;
  interestScore: number;
  totalScore: number;
  grade: Grade;
  /** The total reaches the team's threshold. */
  aboveThreshold: boolean;
  threshold: number;
  asOf: string;
  explanation: ScoreLine[];
}

const DAY_MS = 86_400_000;
const round2 = (n: number) => Math.round(n * 100) / 100;
const fold = (s: string) => s.trim().toLowerCase();

function valuesOf(lead: ScorableLead, field: FitField): string[] {
  if (field === "tags") return lead.tags ?? [];
  if (field === "email_domain") {
    const domain = lead.email?.split("@")[1];
    return domain ? [domain] : [];
  }
  const v = lead[field];
  return v === undefined || v === "" ? [] : [v];
}

export function fitRuleMatches(rule: FitRule, lead: ScorableLead): boolean {
  const actual = valuesOf(lead, rule.field).map(fold);
  if (rule.op === "exists") return actual.length > 0;
  const wanted = (rule.values ?? (rule.value === undefined ? [] : [rule.value])).map(fold);
  if (rule.op === "contains") return actual.some((a) => wanted.some((w) => a.includes(w)));
  return actual.some((a) => wanted.includes(a));
}

export function describeFitRule(rule: FitRule): string {
  if (rule.label) return rule.label;
  const what = rule.op === "exists" ? "" : ` ${rule.values ? rule.values.join(", ") : (rule.value ?? "")}`;
  return `${rule.field} ${rule.op}${what}`;
}

/** Days from `at` to `asOf`; a fact stamped in the future counts as fresh, never as more than full points. */
export function ageInDays(at: string, asOf: string): number {
  return Math.max(0, (Date.parse(asOf) - Date.parse(at)) / DAY_MS);
}

export const decayed = (points: number, ageDays: number, halfLifeDays: number) => points * 0.5 ** (ageDays / halfLifeDays);

function fitLines(rules: ScoringRuleSet, lead: ScorableLead): ScoreLine[] {
  return rules.fitRules.filter((r) => fitRuleMatches(r, lead)).map((r) => ({ kind: "fit", rule: describeFitRule(r), points: r.points, decayedPoints: r.points }));
}

function interestLines(rules: ScoringRuleSet, facts: readonly InterestFact[], asOf: string): ScoreLine[] {
  const byType = new Map<string, number>(rules.interestRules.map((r) => [r.activityType, r.points]));
  const lines: ScoreLine[] = [];
  for (const f of facts) {
    const points = f.kind === "touch" ? rules.touchPoints : byType.get(f.activityType);
    if (!points) continue;
    const ageDays = ageInDays(f.at, asOf);
    const rule = f.kind === "touch" ? `touch (${f.channel})` : f.activityType;
    lines.push({ kind: f.kind === "touch" ? "touch" : "interest", rule, points, decayedPoints: round2(decayed(points, ageDays, rules.halfLifeDays)), at: f.at, ageDays: round2(ageDays) });
  }
  return lines;
}

export function gradeOf(total: number, grades: Grades): Grade {
  if (total >= grades.A) return "A";
  if (total >= grades.B) return "B";
  if (total >= grades.C) return "C";
  return "D";
}

/**
 * fit = Σ matching fit rules; interest = Σ points × 0.5^(ageDays / halfLifeDays) over the behaviour facts as of
 * `asOf`; total = fit + interest (2 decimals). Pure: the same lead, facts, rules and time give the same score.
 */
export function scoreLead(rules: ScoringRuleSet, lead: ScorableLead, facts: readonly InterestFact[], asOf: string): LeadScore {
  const fit = fitLines(rules, lead);
  const interest = interestLines(rules, facts, asOf);
  const fitScore = fit.reduce((s, l) => s + l.points, 0);
  const interestScore = round2(interest.reduce((s, l) => s + decayed(l.points, ageInDays(l.at ?? asOf, asOf), rules.halfLifeDays), 0));
  const totalScore = round2(fitScore + interestScore);
  return {
    fitScore,
    interestScore,
    totalScore,
    grade: gradeOf(totalScore, rules.grades),
    aboveThreshold: totalScore >= rules.qualifyThreshold,
    threshold: rules.qualifyThreshold,
    asOf,
    explanation: [...fit, ...interest],
  };
}
