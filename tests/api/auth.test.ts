import { beforeAll, describe, expect, it } from "vitest";
import { startTestApi } from "../support/api.ts";

let api: Awaited<ReturnType<typeof startTestApi>>;
beforeAll(async () => {
  api = await startTestApi();
});

describe("authentication", () => {
  it("answers anonymous calls with 401 and a JSON error", async () => {
    const res = await api.call("GET", "/leads");
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ code: "unauthorized" });
  });

  it("rejects a forged token", async () => {
    const res = await api.call("GET", "/leads", { token: "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.bad" });
    expect(res.status).toBe(401);
  });

  it("refuses dev login for an unknown email and a malformed one", async () => {
    expect((await api.call("POST", "/auth/dev-login", { body: { email: "nobody@example.com" } })).status).toBe(401);
    const bad = await api.call("POST", "/auth/dev-login", { body: { email: "not-an-email" } });
    expect(bad).toMatchObject({ status: 400, body: { code: "validation_failed", field: "email" } });
  });

  it("signs in a seeded user and tells them who they are", async () => {
    const token = await api.login("li.na@dealflow.dev");
    const me = await api.call("GET", "/me", { token });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ email: "li.na@dealflow.dev", role: "rep" });
  });

  it("locks out a deactivated user at once, whatever their token says", async () => {
    const repToken = await api.login("liu.yang@dealflow.dev");
    const admin = await api.login("admin@dealflow.dev");
    const me = await api.call("GET", "/me", { token: repToken });
    const user = await api.call("GET", `/users/${me.body.userId}`, { token: admin });
    const off = await api.call("PATCH", `/users/${me.body.userId}`, { token: admin, body: { version: user.body.version, active: false } });
    expect(off.status).toBe(200);
    expect((await api.call("GET", "/leads", { token: repToken })).status).toBe(403);
  });
});

describe("docs", () => {
  it("publishes an OpenAPI document listing every record's routes", async () => {
    const res = await api.call("GET", "/openapi.json");
    expect(res.status).toBe(200);
    const paths = Object.keys(res.body.paths);
    for (const p of ["/leads", "/leads/{id}", "/accounts", "/contacts", "/opportunities", "/opportunities/{id}", "/pipelines", "/activities", "/users", "/teams", "/audit", "/auth/dev-login"]) {
      expect(paths).toContain(p);
    }
    expect(res.body.paths["/leads"].post.requestBody.content["application/json"].schema).toBeTruthy();
  });

  it("serves an interactive docs page", async () => {
    const res = await fetch(`${api.url}/docs`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("/openapi.json");
  });
});
