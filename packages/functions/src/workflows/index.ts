import type { Ctx } from "@dealflow/core/records/context";

/** A state-machine task, run by Lambda in AWS and in-process by the local engine. */
export type WorkflowTask = (input: unknown, ctx: { taskToken?: string | undefined }) => Promise<unknown>;

/** Task handlers by state name (or Resource), built from the runtime's dependencies. */
export const workflowTasks: Record<string, (deps: Omit<Ctx, "actor">) => WorkflowTask> = {};
