import { beforeAll, describe, expect, it } from "vitest";
import { createApiClient } from "../../web/src/api/api-client.ts";
import { ApiError } from "../../web/src/api/api-error.ts";
import { createBoardFixture, type BoardFixture } from "./support/board-fixtures.ts";
import { stackApi } from "./support/stack.ts";

const api = stackApi();
let fixture: BoardFixture;

beforeAll(async () => {
  fixture = await createBoardFixture(api);
});

describe("web API client against the real API", () => {
  it("reads every open deal of a pipeline by following cursors page after page", async () => {
    const client = createApiClient({ apiUrl: api.url, token: fixture.token, pageSize: 2 });
    const deals = await client.openDeals(fixture.pipelineId);
    const oneCall = await api.call("GET", `/opportunities?status=open&pipelineId=${fixture.pipelineId}&limit=200`, { token: fixture.token });
    expect(oneCall.body.items.length).toBeGreaterThan(2);
    expect(deals.map((d) => d.opportunityId).sort()).toEqual((oneCall.body.items as { opportunityId: string }[]).map((d) => d.opportunityId).sort());
  });

  it("moves a deal with the version it read and refuses a stale version with the server's conflict", async () => {
    const client = createApiClient({ apiUrl: api.url, token: fixture.token });
    const { opportunityId, version } = fixture.deals.keyboard;
    const moved = await client.moveDeal(opportunityId, version, "needs_analysis");
    expect(moved).toMatchObject({ stage: "needs_analysis", version: version + 1, probability: 25 });

    const stale = await client.moveDeal(opportunityId, version, "proposal").catch((e: unknown) => e);
    expect(stale).toBeInstanceOf(ApiError);
    expect(stale).toMatchObject({ status: 409, code: "conflict", message: expect.stringContaining("changed by someone else") });
  });

  it("reports an unknown user at sign-in, and an expired token to the app so it can return to sign-in", async () => {
    const anonymous = createApiClient({ apiUrl: api.url });
    await expect(anonymous.signIn("nobody@dealflow.dev")).rejects.toMatchObject({ status: 401, code: "unauthorized" });

    let signedOut = 0;
    const expired = createApiClient({ apiUrl: api.url, token: "not-a-real-token", onUnauthorized: () => signedOut++ });
    await expect(expired.me()).rejects.toMatchObject({ status: 401 });
    expect(signedOut).toBe(1);
  });

  it("turns an unreachable API into a network error rather than a crash", async () => {
    const client = createApiClient({ apiUrl: "http://127.0.0.1:9", token: fixture.token });
    await expect(client.pipelines()).rejects.toMatchObject({ status: 0, code: "network" });
  });
});
