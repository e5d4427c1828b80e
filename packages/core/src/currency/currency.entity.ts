import { Entity } from "electrodb";

/**
 * The company's reporting currency and exchange rates (one item): reports convert every deal amount into the
 * reporting currency, so a forecast never adds yuan to dollars. `rates[X]` = units of the reporting currency per
 * unit of X.
 */
export const CurrencySettingsEntity = new Entity({
  model: { entity: "currencySettings", version: "1", service: "dealflow" },
  attributes: {
    scope: { type: "string", required: true, default: "company" },
    reportingCurrency: { type: "string", required: true },
    rates: { type: "any", required: true },
    version: { type: "number", required: true },
    updatedAt: { type: "string", required: true },
    updatedBy: { type: "string", required: true },
  },
  indexes: {
    primary: { pk: { field: "pk", composite: ["scope"] }, sk: { field: "sk", composite: [] } },
  },
});
