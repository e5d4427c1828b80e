/** English labels of the board screens; board.zh-CN.ts must fill every key. */
export const boardEn = {
  "board.title": "Pipeline",
} as const;
