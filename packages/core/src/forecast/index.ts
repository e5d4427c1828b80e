export * from "./forecast.ts";
export { forecastMonth, syncForecastLine } from "./forecast-lines.ts";
export { rollup, periodMonths, type ForecastFigures } from "./rollup.ts";
export * from "./forecast-history.ts";
