export type { AslDefinition, AslState, JsonValue, MachineConfig, TaskContext, TaskHandler } from "./asl-types.ts";
export { assertValidAsl, InvalidAslError, localStateMachineArn, readAslFile, validateAsl } from "./asl-validation.ts";
export type { CheckpointStore, ExecutionRecord, ExecutionStatus, ExecutionSummary, StateCheckpoint } from "./checkpoint-store.ts";
export { DynamoCheckpointStore } from "./dynamo-checkpoint-store.ts";
export { StatesApiError, type StatesErrorType } from "./engine-errors.ts";
export type { HistoryEvent } from "./execution-history.ts";
export { LocalWorkflowEngine, type ExecutionDescription, type LocalWorkflowEngineOptions } from "./local-engine.ts";
export { startStatesServer, type StatesServer } from "./states-server.ts";
