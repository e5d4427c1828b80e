import { describe, expect, it } from "vitest";
import { eventCatalogue, eventJsonSchemas, validateEvent } from "./index.ts";

describe("event catalogue", () => {
  it("publishes a JSON schema for every event, including the two marketing inputs", () => {
    const schemas = eventJsonSchemas();
    expect(Object.keys(schemas).sort()).toEqual(Object.keys(eventCatalogue).sort());
    expect(schemas["Lead Captured"]).toMatchObject({ source: "marketing.*", version: 1, detail: { type: "object", properties: { name: { type: "string" }, email: { type: "string" } } } });
    expect(schemas["Lead Activity"]?.detail).toMatchObject({ required: ["activityType"], properties: { activityType: { enum: expect.arrayContaining(["page_visit", "demo_request", "email_open"]) } } });
    expect(schemas["lead.touched"]).toMatchObject({ source: "dealflow", detail: { properties: { version: { const: 1 }, data: { required: ["leadId", "teamId", "touch"] } } } });
  });

  it("accepts catalogued data, refuses wrong data or version, and passes events it does not know", () => {
    const touch = { touchId: "t1", channel: "web_form", at: "2026-01-02T03:04:05.000Z" };
    expect(validateEvent({ name: "lead.touched", version: 1, data: { leadId: "l1", teamId: "t", touch } })).toEqual({ known: true, ok: true });
    const bad = validateEvent({ name: "lead.touched", version: 1, data: { leadId: "l1", touch } });
    expect(bad).toMatchObject({ known: true, ok: false, reason: expect.stringMatching(/teamId/) });
    expect(validateEvent({ name: "lead.touched", version: 2, data: {} })).toMatchObject({ ok: false, reason: expect.stringMatching(/version 1/) });
    expect(validateEvent({ name: "something.else", data: 42 })).toEqual({ known: false, ok: true });
  });
});
