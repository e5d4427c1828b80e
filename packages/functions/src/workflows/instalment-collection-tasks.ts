import { z } from "zod";
import { COLLECTION_MACHINE, loadCollectionStep, markInstalmentOverdue, sendPaymentReminder, type CollectionDeps } from "@dealflow/core/payment/index";
import type { RuntimeDeps } from "../runtime/deps.ts";
import type { WorkflowTask } from "./index.ts";

/** Built on first use, so a runtime without the machine's ARN can still build every handler. */
export function lazyCollectionDeps(deps: RuntimeDeps): () => CollectionDeps {
  let built: CollectionDeps | undefined;
  return () => {
    if (built) return built;
    const stateMachineArn = deps.stateMachineArns[COLLECTION_MACHINE];
    if (!stateMachineArn) throw new Error(`No ARN for the ${COLLECTION_MACHINE} state machine in STATE_MACHINE_ARNS`);
    return (built = { ...deps, stateMachineArn });
  };
}

const key = z.object({ orderId: z.string().min(1), instalmentId: z.string().min(1), planVersion: z.number().int().positive() });
const stepInput = z.object({ step: key.extend({ next: z.enum(["remind", "overdue", "done"]), at: z.string().optional() }) });

function parsed<S extends z.ZodType>(schema: S, input: unknown, task: string): z.infer<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new Error(`instalment-collection task ${task}: unexpected input (${result.error.message})`);
  return result.data;
}

const keyOf = ({ orderId, instalmentId, planVersion }: z.infer<typeof key>) => ({ orderId, instalmentId, planVersion });

/** The instalment-collection machine's task handlers by state name (infra/state-machines/instalment-collection.asl.json). */
export function instalmentCollectionTasks(deps: RuntimeDeps): Record<string, WorkflowTask> {
  const c = lazyCollectionDeps(deps);
  return {
    LoadCollection: (input) => loadCollectionStep(c(), keyOf(parsed(key, input, "LoadCollection"))),
    SendPaymentReminder: (input) => sendPaymentReminder(c(), keyOf(parsed(stepInput, input, "SendPaymentReminder").step)),
    MarkInstalmentOverdue: (input) => markInstalmentOverdue(c(), keyOf(parsed(stepInput, input, "MarkInstalmentOverdue").step)),
  };
}

export const instalmentCollectionStateNames = ["LoadCollection", "SendPaymentReminder", "MarkInstalmentOverdue"] as const;

/** Entries for the workflowTasks registry (state name → factory). */
export const instalmentCollectionTaskRegistry: Record<string, (deps: RuntimeDeps) => WorkflowTask> = Object.fromEntries(
  instalmentCollectionStateNames.map((name) => [name, (deps: RuntimeDeps) => instalmentCollectionTasks(deps)[name] as WorkflowTask]),
);
