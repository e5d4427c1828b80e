export * from "./win-model.ts";
export { syncTrainingRow, rebuildWinModel } from "./model-store.ts";
export { dealFeatures, amountBand, committeeCoverage } from "./features.ts";
export { train, predict, type WinModel, type TrainingRow, type Prediction } from "./naive-bayes.ts";
export { calibrate, type Calibration } from "./calibration.ts";
export { getWinModelSettings, optionalFeatures, updateWinModelSettingsSchema, winModelSettingsOf, type WinModelSettings } from "./win-model-settings.ts";
export { refreshWinModels } from "./nightly-refresh.ts";
