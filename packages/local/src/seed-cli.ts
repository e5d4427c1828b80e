import { join } from "node:path";
import { EventBridgeClient } from "@aws-sdk/client-eventbridge";
import { createDb } from "@dealflow/core/db/service";
import { createEventBridgePublisher } from "@dealflow/core/bus/index";
import type { EventPublisher } from "@dealflow/core/ports/bus";
import { ensureTable, localCredentials, localDynamoClient, localRegion, startDynamoLocal } from "./dynamodb/dynamodb-local.ts";
import { LOCAL_BUS, LOCAL_TABLE } from "./runtime/local-runtime.ts";
import { lastEndpoints, localDataDir, reachable } from "./runtime/running-stack.ts";
import { seedDemo } from "./seed/demo-seed.ts";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";

/**
 * `npm run seed`: loads the demo data into the local table. Uses the running `npm start` stack when there is
 * one (so events reach its bus); otherwise starts DynamoDB Local on .local/ just for the seed.
 */
async function main() {
  const running = lastEndpoints();
  const live = await reachable(running.dynamodb);
  const own = live ? undefined : await startDynamoLocal({ dataDir: join(localDataDir, "dynamodb") });
  const client = own?.client ?? localDynamoClient(running.dynamodb ?? "");
  try {
    await ensureTable(client, LOCAL_TABLE);
    const db = createDb(client, LOCAL_TABLE);
    if ((await db.entities.team.query.all({}).go({ limit: 1 })).data.length > 0) {
      console.log("The local table already has data; nothing seeded. Delete .local/ (with npm start stopped) to start over.");
      return;
    }
    const busUp = await reachable(running.events);
    const publisher: EventPublisher = busUp
      ? createEventBridgePublisher({ client: new EventBridgeClient({ endpoint: running.events, region: localRegion, credentials: localCredentials }), busName: LOCAL_BUS })
      : { publish: async () => {} };
    if (!busUp) console.log("npm start is not running: seeding without publishing events.");
    const t0 = Date.now();
    const out = await seedDemo({ db, publisher, onProgress: (s) => console.log(`  seeded ${s}`) });
    console.log(`Seeded ${out.leads} leads, ${out.opportunities} deals, ${out.accounts} accounts, ${out.contacts} contacts, ${out.activities} activities and ${out.users.length} users in ${((Date.now() - t0) / 1000).toFixed(1)} s.`);
  } finally {
    await own?.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
