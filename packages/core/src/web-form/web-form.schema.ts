import { z } from "zod";
import { idSchema, shortText, versionField } from "../records/schema.ts";

/** Lead fields a form may ask for; `name` is always asked (a lead needs one). */
export const formFieldKeys = ["name", "email", "phone", "title", "companyName", "industry", "companySize", "region"] as const;
export type FormFieldKey = (typeof formFieldKeys)[number];

const defaultLabels: Record<FormFieldKey, [string, string]> = {
  name: ["Name", "姓名"], email: ["Email", "邮箱"], phone: ["Phone", "电话"], title: ["Job title", "职位"],
  companyName: ["Company", "公司"], industry: ["Industry", "行业"], companySize: ["Company size", "公司规模"], region: ["Region", "地区"],
};

const label = z.string().trim().min(1).max(80);
export const formFieldSchema = z
  .object({ key: z.enum(formFieldKeys), labelEn: label.optional(), labelZh: label.optional(), required: z.boolean().default(false) })
  .strict()
  .transform((f) => ({ key: f.key, labelEn: f.labelEn ?? defaultLabels[f.key][0], labelZh: f.labelZh ?? defaultLabels[f.key][1], required: f.key === "name" || f.required }));
export type FormField = z.infer<typeof formFieldSchema>;

const fieldList = z
  .array(formFieldSchema)
  .min(1)
  .max(formFieldKeys.length)
  .refine((fs) => new Set(fs.map((f) => f.key)).size === fs.length, "Each field may appear once")
  .refine((fs) => fs.some((f) => f.key === "name"), "A form must ask for the name")
  .refine((fs) => fs.some((f) => f.key === "email" || f.key === "phone"), "A form must ask for an email or a phone, or nobody can follow up");

// Only http(s): a javascript: URL in a redirect would run in the submitter's browser.
const httpUrl = z.url({ protocol: /^https?$/ }).max(2000);

const formShape = {
  name: shortText,
  campaign: shortText.optional(),
  sourceTags: z.array(z.string().trim().min(1).max(40)).max(10).optional(),
  fields: fieldList,
  thankYouEn: z.string().trim().min(1).max(500).optional(),
  thankYouZh: z.string().trim().min(1).max(500).optional(),
  active: z.boolean().optional(),
  redirectUrl: httpUrl.optional(),
  teamId: idSchema.optional(),
  rateLimitMax: z.number().int().min(1).max(1000).optional(),
  rateLimitWindowSeconds: z.number().int().min(1).max(86_400).optional(),
};

export const createWebFormSchema = z.object(formShape).strict();
export const updateWebFormSchema = z
  .object({ ...versionField, ...z.object(formShape).omit({ teamId: true }).partial().shape, redirectUrl: httpUrl.nullable().optional() })
  .strict();
export const listWebFormsQuery = z.object({ teamId: idSchema.optional() });

export const formDefaults = {
  thankYouEn: "Thank you! We will be in touch soon.",
  thankYouZh: "感谢您的提交，我们会尽快与您联系。",
  active: true,
  rateLimitMax: 5,
  rateLimitWindowSeconds: 60,
};
