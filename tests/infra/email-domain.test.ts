import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { Email } from "../../stacks/email.stack.ts";
import { synthesizeApp, type SynthesizedApp } from "./synth-app.ts";
import { at, onlyResource } from "./template-queries.ts";

/**
 * A bare domain as sender: the whole domain is verified and mail goes out as noreply@ that domain (the address
 * itself: stage-settings.test.ts parseSender). Only the Email stack is synthesized, so no function is bundled; the
 * shared synthesis (default-app.test.ts) checks that the functions send as the configured sender.
 */
let synth: SynthesizedApp;
beforeAll(async () => {
  synth = await synthesizeApp("test", { DEALFLOW_MAIL_FROM: "Acme.Example" }, [Email]);
}, 120_000);
afterAll(async () => synth?.cleanup());

describe("Email stack with a sender domain", () => {
  test("verifies the domain and publishes its three DKIM records", () => {
    const template = synth.template(Email);
    const [, identity] = onlyResource(template, "AWS::SES::EmailIdentity");
    expect(at(identity, "Properties", "EmailIdentity")).toBe("acme.example");
    const outputs = at(template.toJSON(), "Outputs") as Record<string, { Value: unknown }>;
    expect(Object.keys(outputs).filter((name) => name.startsWith("DkimRecord"))).toHaveLength(3);
    expect(outputs.MailFrom?.Value).toBe("noreply@acme.example");
  });
});
