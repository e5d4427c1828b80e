import { describe, expect, test } from "vitest";
import { parseSender, stageSettings } from "../../stacks/stage-settings.ts";

describe("stageSettings", () => {
  test("only the dev stage is disposable; every other stage keeps its data", () => {
    expect(stageSettings("dev", {}).retainData).toBe(false);
    expect(stageSettings("prod", {}).retainData).toBe(true);
    expect(stageSettings("alice", {}).retainData).toBe(true);
  });

  test("without DEALFLOW_MAIL_FROM the sender is a placeholder address; the web client is web/", () => {
    const settings = stageSettings("prod", {});
    expect(settings.mail).toEqual({ from: "noreply@example.com", identity: { kind: "email", value: "noreply@example.com" } });
    expect(settings.webDir).toBe("web");
    expect(settings.alarmEmail).toBeUndefined();
  });

  test("reads the sender, alarm address and web folder from the environment", () => {
    const settings = stageSettings("prod", {
      DEALFLOW_MAIL_FROM: "sales@acme.io",
      DEALFLOW_ALARM_EMAIL: "ops@acme.io",
      DEALFLOW_WEB_DIR: "apps/web",
    });
    expect(settings.mail.from).toBe("sales@acme.io");
    expect(settings.alarmEmail).toBe("ops@acme.io");
    expect(settings.webDir).toBe("apps/web");
  });
});

describe("parseSender", () => {
  test("an address is verified as that address", () => {
    expect(parseSender(" Sales@Acme.io ")).toEqual({ from: "sales@acme.io", identity: { kind: "email", value: "sales@acme.io" } });
  });

  test("a bare domain is verified as a domain and sends as noreply@", () => {
    expect(parseSender("mail.acme.io")).toEqual({ from: "noreply@mail.acme.io", identity: { kind: "domain", value: "mail.acme.io" } });
  });

  test.each(["", "acme", "@acme.io", "sales@", "sales@acme", "sa les@acme.io", "https://acme.io"])(
    "rejects %j with a message naming the variable",
    (value) => {
      expect(() => parseSender(value)).toThrow(/DEALFLOW_MAIL_FROM/);
    },
  );
});
