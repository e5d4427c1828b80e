import type { LocalWorkflowEngine } from "./local-engine.ts";
import {
  epoch,
  historyEventOnWire,
  optionalString,
  page,
  parseJsonField,
  requireArn,
  requireString,
  statusFilter,
  type Body,
} from "./states-wire.ts";

type Operation = (engine: LocalWorkflowEngine, body: Body) => Promise<Body>;

/** The Step Functions calls the app makes, by `X-Amz-Target` operation name. */
export const statesOperations: Record<string, Operation> = {
  async StartExecution(engine, body) {
    const input = parseJsonField(optionalString(body, "input") ?? "{}", "InvalidExecutionInput", "input");
    const started = await engine.startExecution({ stateMachineArn: requireArn(body, "stateMachineArn", "stateMachine"), name: optionalString(body, "name"), input });
    return { executionArn: started.executionArn, startDate: epoch(started.startDate) };
  },

  async SendTaskSuccess(engine, body) {
    const output = parseJsonField(requireString(body, "output"), "InvalidOutput", "output");
    await engine.sendTaskSuccess(requireString(body, "taskToken"), output);
    return {};
  },

  async SendTaskFailure(engine, body) {
    await engine.sendTaskFailure(requireString(body, "taskToken"), optionalString(body, "error"), optionalString(body, "cause"));
    return {};
  },

  async StopExecution(engine, body) {
    const stopped = await engine.stopExecution(requireArn(body, "executionArn", "execution"), {
      error: optionalString(body, "error"),
      cause: optionalString(body, "cause"),
    });
    return { stopDate: epoch(stopped.stopDate) };
  },

  async DescribeExecution(engine, body) {
    const d = await engine.describeExecution(requireArn(body, "executionArn", "execution"));
    return { ...d, startDate: epoch(d.startDate), stopDate: epoch(d.stopDate), redriveCount: 0 };
  },

  async ListExecutions(engine, body) {
    const all = await engine.listExecutions(requireArn(body, "stateMachineArn", "stateMachine"), statusFilter(body));
    const { items, nextToken } = page(all, body);
    return { executions: items.map((e) => ({ ...e, startDate: epoch(e.startDate), stopDate: epoch(e.stopDate) })), nextToken };
  },

  async GetExecutionHistory(engine, body) {
    const events = await engine.getExecutionHistory(requireArn(body, "executionArn", "execution"));
    const ordered = body.reverseOrder === true ? [...events].reverse() : events;
    const { items, nextToken } = page(ordered, body);
    return { events: items.map(historyEventOnWire), nextToken };
  },
};
