import { SFNClient } from "@aws-sdk/client-sfn";
import { resyncLeadLoads } from "@dealflow/core/assignment/index";
import { createDb } from "@dealflow/core/db/service";
import { reconcileDealFlowsWith } from "@dealflow/functions/workflows/deal-flow-reconcile";
import { reconcileLeadSlasWith } from "@dealflow/functions/workflows/lead-sla-reconcile";
import { localCredentials, localDynamoClient, localRegion } from "./dynamodb/dynamodb-local.ts";
import { LOCAL_TABLE, runtimeDeps } from "./runtime/local-runtime.ts";
import { lastEndpoints, reachable } from "./runtime/running-stack.ts";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";

/**
 * `npm run reconcile`: against the running `npm start` stack, starts a deal-flow execution for every open deal
 * that has none and stops executions of deals that are closed or gone; the same for lead response SLAs.
 * (`npm start` also does this at boot.) Then recounts every rep's open leads from the leads themselves, which
 * capacity-aware assignment reads (after dead-lettered LeadLoad events).
 */
async function main() {
  const { dynamodb, states, events, smtp, web, api } = lastEndpoints();
  if (!dynamodb || !states || !events || !smtp || !(await reachable(states)) || !(await reachable(dynamodb))) {
    console.error("npm start is not running (no reachable endpoints in .local/endpoints.json): start it first; it reconciles at boot.");
    process.exit(1);
  }
  const sfn = new SFNClient({ region: localRegion, credentials: localCredentials, endpoint: states });
  const deps = runtimeDeps(createDb(localDynamoClient(dynamodb), LOCAL_TABLE), { events, states, smtp, web: web ?? api ?? "http://127.0.0.1:5173" });
  const report = await reconcileDealFlowsWith(deps, sfn);
  console.log(`Deal flows reconciled: ${report.started.length} started, ${report.stopped.length} stopped.`);
  for (const id of report.started) console.log(`  started  deal ${id}`);
  for (const arn of report.stopped) console.log(`  stopped  ${arn}`);
  const slas = await reconcileLeadSlasWith(deps, sfn);
  console.log(`Lead SLAs reconciled: ${slas.started.length} started, ${slas.stopped.length} stopped.`);
  for (const id of slas.started) console.log(`  started  lead ${id}`);
  for (const arn of slas.stopped) console.log(`  stopped  ${arn}`);
  const loads = await resyncLeadLoads(deps.db, () => new Date());
  console.log(`Rep lead counts: ${loads.leads} leads checked, ${loads.moved} counts corrected.`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
