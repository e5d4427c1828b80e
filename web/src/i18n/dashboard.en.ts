/** English labels of the dashboard screens; dashboard.zh-CN.ts must fill every key. */
export const dashboardEn = {
  "dashboard.title": "Dashboard",
} as const;
