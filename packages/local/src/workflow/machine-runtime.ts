import type { AslDefinition, AslState, MachineConfig, TaskHandler } from "./asl-types.ts";
import { assertValidAsl } from "./asl-validation.ts";

export interface StateInfo {
  name: string;
  type: string;
  /** Only top-level states are checkpointed; a nested one resumes with its enclosing Parallel/Map. */
  topLevel: boolean;
  resource?: string;
  waitForToken: boolean;
  lambdaInvoke: boolean;
  timeoutSeconds?: number;
  heartbeatSeconds?: number;
  handler?: TaskHandler;
}

export interface MachineRuntime {
  name: string;
  arn: string;
  region: string;
  definition: AslDefinition;
  states: Map<string, StateInfo>;
  timeoutSeconds?: number;
}

const machineArnPattern = /^arn:aws[a-z-]*:states:([a-z0-9-]+):(\d{12}):stateMachine:([A-Za-z0-9_-]{1,80})$/;

export function buildMachineRuntime(name: string, config: MachineConfig, tasks: Record<string, TaskHandler>): MachineRuntime {
  const match = machineArnPattern.exec(config.arn);
  if (!match) throw new Error(`State machine ${name}: arn ${config.arn} is not a state machine ARN`);
  const definition = assertValidAsl(name, config.definition);
  const states = new Map<string, StateInfo>();
  collectStates(definition.States, true, states, tasks);
  const missing = [...states.values()].filter((s) => s.type === "Task" && !s.handler);
  if (missing.length > 0) {
    const list = missing.map((s) => `"${s.name}" (${s.resource ?? "no resource"})`).join(", ");
    throw new Error(`State machine ${name}: no local task handler for ${list}; register it by state name or resource`);
  }
  return { name, arn: config.arn, region: match[1] ?? "us-east-1", definition, states, timeoutSeconds: definition.TimeoutSeconds };
}

function collectStates(states: Record<string, AslState>, topLevel: boolean, into: Map<string, StateInfo>, tasks: Record<string, TaskHandler>) {
  for (const [name, state] of Object.entries(states)) {
    into.set(name, describeState(name, state, topLevel, tasks));
    for (const nested of nestedMachines(state)) collectStates(nested.States, false, into, tasks);
  }
}

function describeState(name: string, state: AslState, topLevel: boolean, tasks: Record<string, TaskHandler>): StateInfo {
  const resource = typeof state.Resource === "string" ? state.Resource : undefined;
  return {
    name,
    type: state.Type,
    topLevel,
    resource,
    waitForToken: resource?.endsWith(".waitForTaskToken") ?? false,
    lambdaInvoke: resource?.startsWith("arn:aws:states:::lambda:invoke") ?? false,
    timeoutSeconds: typeof state.TimeoutSeconds === "number" ? state.TimeoutSeconds : undefined,
    heartbeatSeconds: typeof state.HeartbeatSeconds === "number" ? state.HeartbeatSeconds : undefined,
    handler: state.Type === "Task" ? (tasks[name] ?? (resource === undefined ? undefined : tasks[resource])) : undefined,
  };
}

export function nestedMachines(state: AslState): AslDefinition[] {
  if (state.Type === "Parallel" && Array.isArray(state.Branches)) return state.Branches as AslDefinition[];
  if (state.Type !== "Map") return [];
  const processor = state.ItemProcessor ?? state.Iterator;
  return processor ? [processor as AslDefinition] : [];
}
