import { SFNClient } from "@aws-sdk/client-sfn";
import { Opportunity } from "@dealflow/core";
import { createDb } from "@dealflow/core/db/service";
import { getFlow } from "@dealflow/core/deal-flow/index";
import { createSmtpMailer } from "@dealflow/core/mail/index";
import type { DomainEvent } from "@dealflow/core/ports/bus";
import { systemClock } from "@dealflow/core/ports/clock";
import { createSfnWorkflowEngine } from "@dealflow/core/workflow/index";
import { dealOpenedHandler } from "@dealflow/functions/events/deal-opened";
import { dealStageChangedHandler } from "@dealflow/functions/events/deal-stage-changed";
import type { RuntimeDeps } from "@dealflow/functions/runtime/deps";
import { dealFlowTasks } from "@dealflow/functions/workflows/deal-flow-tasks";
import { ensureTable, localCredentials, localRegion, startDynamoLocal } from "@dealflow/local/dynamodb/dynamodb-local";
import { startSmtpCapture } from "@dealflow/local/mail/smtp-capture";
import { freePort } from "@dealflow/local/net";
import { DynamoCheckpointStore, LocalWorkflowEngine, startStatesServer } from "@dealflow/local/workflow/index";
import { dealFlowArn, dealFlowMachine, entered, envelopeOf, eventually, flowWorld, historyOf, lastEvent, newDeal, type FlowWorld } from "../tests/workflows/deal-flow-fixture.ts";
import { fmt, percentile } from "./stats.ts";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
const MOVES = 10;
const settings = { graceSeconds: 1 };
const quiet = console.log;

/**
 * `npx tsx bench/deal-flow.bench.ts`: what one deal costs in Step Functions terms: state transitions (states
 * entered, what Standard workflows bill) per stage move and per SLA breach, history events of a 10-move deal,
 * and how long a move takes to reach the execution (event delivered → the wait on the new stay is stored).
 */
async function main() {
  const ddb = await startDynamoLocal();
  await ensureTable(ddb.client, "bench");
  const mail = await startSmtpCapture();
  const port = await freePort();
  const events: DomainEvent[] = [];
  const sfn = new SFNClient({ endpoint: `http://127.0.0.1:${port}`, region: localRegion, credentials: localCredentials });
  const deps: RuntimeDeps = {
    db: createDb(ddb.client, "bench"), publisher: { publish: async (batch) => void events.push(...batch) }, clock: systemClock,
    mailer: createSmtpMailer({ url: mail.smtpUrl, from: "bench@dealflow.test" }), workflow: createSfnWorkflowEngine(sfn),
    stateMachineArns: { "deal-flow": dealFlowArn }, appUrl: "http://127.0.0.1:5173",
  };
  const engine = new LocalWorkflowEngine({ machines: { "deal-flow": dealFlowMachine }, tasks: dealFlowTasks(deps, settings), store: new DynamoCheckpointStore(ddb.client, "bench") });
  const server = await startStatesServer(engine, { port });
  console.log = () => {}; // the consumers log one line per event
  try {
    const opened = dealOpenedHandler(deps, settings);
    const moved = dealStageChangedHandler(deps, settings);
    const start = async (w: FlowWorld, name: string) => {
      const deal = await newDeal(w, name);
      await opened(envelopeOf(lastEvent(events, "opportunity.created", deal.opportunityId)));
      const flow = await eventually("the first wait", async () => (await getFlow(deps.db, deal.opportunityId))?.waitingSeq === 1 && getFlow(deps.db, deal.opportunityId));
      return { id: deal.opportunityId, executionArn: flow?.executionArn ?? "" };
    };

    const slow = await flowWorld(deps, "bench-moves", [3600, 3600, 3600]);
    const deal = await start(slow, "Ten moves");
    const afterStart = entered(await historyOf(sfn, deal.executionArn)).length;
    const stages = ["proposal", "negotiation", "signature", "negotiation"];
    const signalMs: number[] = [];
    for (let i = 0; i < MOVES; i++) {
      const current = await deps.db.entities.opportunity.get({ opportunityId: deal.id }).go();
      const moveTo = stages[i % stages.length] ?? "proposal";
      const after = await Opportunity.updateOpportunity(slow.ctx(slow.owner), deal.id, { version: current.data?.version ?? 0, stage: moveTo });
      const t = performance.now();
      await moved(envelopeOf(lastEvent(events, "opportunity.stage_changed", deal.id)));
      await eventually("the next wait", async () => (await getFlow(deps.db, deal.id))?.waitingSeq === after.stageSeq);
      signalMs.push(performance.now() - t);
    }
    // The engine records history as it goes: wait until the last move's wait is in it.
    const waits = (h: Awaited<ReturnType<typeof historyOf>>) => entered(h).filter((n) => n.startsWith("AwaitDealMove")).length;
    const history = await eventually("the history of every move", async () => {
      const h = await historyOf(sfn, deal.executionArn);
      return waits(h) === MOVES + 1 && h;
    });
    const perMove = (entered(history).length - afterStart) / MOVES;

    const quick = await flowWorld(deps, "bench-breach", [1, 1, 1]);
    const breached = await start(quick, "Breach");
    await eventually("stale", async () => entered(await historyOf(sfn, breached.executionArn)).includes("AwaitDealMoveUntimed"), 15_000);
    const names = entered(await historyOf(sfn, breached.executionArn));
    const firstTimeout = names.indexOf("OnDealTimeout");
    const secondTimeout = names.indexOf("OnDealTimeout", firstTimeout + 1);

    signalMs.sort((a, b) => a - b);
    quiet(`deal-flow (local engine, DynamoDB Local; transitions = states entered, as Standard workflows bill)`);
    quiet(`  start of an execution                  ${fmt(afterStart)} transitions`);
    quiet(`  per stage move                         ${fmt(perMove)} transitions`);
    quiet(`  SLA breach → reminder, back to waiting ${fmt(secondTimeout - firstTimeout)} transitions`);
    quiet(`  grace over → escalation + stale flag   ${fmt(names.length - secondTimeout)} transitions`);
    quiet(`  history events, ${MOVES}-move deal         ${fmt(history.length)} events (${entered(history).length} states entered)`);
    quiet(`  move event → new wait stored  p50 ${fmt(percentile(signalMs, 50))} ms   p99 ${fmt(percentile(signalMs, 99))} ms`);
  } finally {
    console.log = quiet;
    await engine.close();
    await server.close();
    await mail.close();
    await ddb.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.stack : err);
  process.exit(1);
});
