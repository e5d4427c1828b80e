/** English labels of the settings screens; settings.zh-CN.ts must fill every key. */
export const settingsEn = {
  "settings.title": "Settings",
} as const;
