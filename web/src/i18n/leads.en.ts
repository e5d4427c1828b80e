/** English labels of the leads screens; leads.zh-CN.ts must fill every key. */
export const leadsEn = {
  "leads.title": "Leads inbox",
} as const;
