import { z } from "zod";
import { leadActivityTypes } from "../lead/capture/lead-activity.entity.ts";

/** Lead attributes a fit rule can test; `email_domain` is the part of the email after the @. */
export const fitFields = ["industry", "companySize", "title", "region", "source", "campaign", "tags", "email_domain", "companyName", "email", "phone"] as const;
export type FitField = (typeof fitFields)[number];
export const fitOps = ["equals", "in", "contains", "exists"] as const;

const text = z.string().trim().min(1).max(200);
const points = z.number().int().min(-100).max(100);

/**
 * `equals` and `contains` take `value` (contains also `values`: any of them), `in` takes `values`, `exists`
 * takes neither. Text compares case-insensitively; on `tags` a rule matches when any tag does.
 */
export const fitRuleSchema = z
  .object({
    field: z.enum(fitFields),
    op: z.enum(fitOps),
    value: text.optional(),
    values: z.array(text).min(1).max(100).optional(),
    points,
    label: text.optional(),
  })
  .strict()
  .superRefine((r, ctx) => {
    const need = (path: "value" | "values", message: string) => ctx.addIssue({ code: "custom", path: [path], message });
    if (r.op === "equals" && r.value === undefined) need("value", "An equals rule needs a value");
    if (r.op === "in" && r.values === undefined) need("values", "An in rule needs values (a list)");
    if (r.op === "contains" && r.value === undefined && r.values === undefined) need("value", "A contains rule needs a value or values");
    if (r.op === "exists" && (r.value !== undefined || r.values !== undefined)) need("value", "An exists rule takes no value");
    if (r.value !== undefined && r.values !== undefined) need("values", "Give value or values, not both");
  });

export const interestRuleSchema = z.object({ activityType: z.enum(leadActivityTypes), points }).strict();

/** Minimum total for grades A, B and C; anything lower is D. */
export const gradesSchema = z
  .object({ A: z.number().min(-1000).max(1000), B: z.number().min(-1000).max(1000), C: z.number().min(-1000).max(1000) })
  .strict()
  .refine((g) => g.A > g.B && g.B > g.C, { message: "Grade minimums must fall from A to C (A > B > C)", path: ["B"] });

const rulesShape = {
  fitRules: z.array(fitRuleSchema).max(100),
  interestRules: z.array(interestRuleSchema).max(leadActivityTypes.length),
  /** Points for each repeat capture (touch) of the person. */
  touchPoints: points,
  halfLifeDays: z.number().min(0.01).max(3650),
  qualifyThreshold: z.number().min(0).max(1000),
  grades: gradesSchema,
};

/** PUT /settings/scoring: the whole rule set; `version` is the one read (omit it while the team runs on defaults). */
export const updateScoringRulesSchema = z
  .object({ version: z.number().int().positive().optional(), ...rulesShape })
  .strict()
  .superRefine((r, ctx) => {
    const seen = new Set<string>();
    r.interestRules.forEach((rule, i) => {
      if (seen.has(rule.activityType)) ctx.addIssue({ code: "custom", path: ["interestRules", i, "activityType"], message: `${rule.activityType} has two interest rules; keep one` });
      seen.add(rule.activityType);
    });
  });

export type FitRule = z.infer<typeof fitRuleSchema>;
export type InterestRule = z.infer<typeof interestRuleSchema>;
export type Grades = z.infer<typeof gradesSchema>;
export type Grade = keyof Grades | "D";
export interface ScoringRuleSet {
  fitRules: FitRule[];
  interestRules: InterestRule[];
  touchPoints: number;
  halfLifeDays: number;
  qualifyThreshold: number;
  grades: Grades;
}

export const scoringQuery = z.object({ teamId: z.string().min(1).max(64).optional() });
