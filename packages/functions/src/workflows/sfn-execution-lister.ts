import { ListExecutionsCommand, type SFNClient } from "@aws-sdk/client-sfn";
import type { ExecutionLister } from "@dealflow/core/deal-flow/index";

/** ListExecutions (RUNNING, all pages) for reconcile; the same client serves AWS and the local engine. */
export function createSfnExecutionLister(client: SFNClient): ExecutionLister {
  return {
    async listRunning(stateMachineArn) {
      const out: { name: string; executionArn: string }[] = [];
      let nextToken: string | undefined;
      do {
        const page = await client.send(new ListExecutionsCommand({ stateMachineArn, statusFilter: "RUNNING", nextToken, maxResults: 1000 }));
        for (const e of page.executions ?? []) if (e.name && e.executionArn) out.push({ name: e.name, executionArn: e.executionArn });
        nextToken = page.nextToken;
      } while (nextToken);
      return out;
    },
  };
}
