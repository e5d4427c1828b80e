import { EventBus } from "aws-cdk-lib/aws-events";
import { Function, use, type StackContext } from "sst/constructs";
import { BusRules } from "@dealflow/infra/bus-rules.construct";
import { alarmOnDeadLetters } from "@dealflow/infra/alarms.construct";
import { rules, schedules } from "@dealflow/infra";
import { Email } from "./email.stack.ts";
import { Hosting } from "./hosting.stack.ts";
import { Monitoring } from "./monitoring.stack.ts";
import { Storage } from "./storage.stack.ts";
import { grantRuntimeAccess, runtimeEnvironment } from "./function-defaults.ts";

/** The custom bus and, from `infra/rules.ts`, its rules and their consumers (one Lambda per event file). */
export function Bus({ stack }: StackContext) {
  const { table } = use(Storage);
  const { sender, mailFrom } = use(Email);
  const { siteUrl } = use(Hosting);
  const { alarmTopic } = use(Monitoring);
  const bus = new EventBus(stack, "Bus");
  const environment = runtimeEnvironment({ table, bus, mailFrom, appUrl: siteUrl });

  const wiring = new BusRules(stack, "Rules", {
    bus,
    rules,
    schedules,
    createConsumer: (scope, id, handler) => {
      const fn = new Function(scope, id, {
        handler: `packages/functions/src/events/${handler}.handler`,
        description: `Dealflow bus consumer: ${handler}`,
        environment,
      });
      grantRuntimeAccess(fn, { table, bus, sender });
      return fn;
    },
  });
  for (const { id, queue } of wiring.deadLetterQueues) alarmOnDeadLetters(stack, `${id}Alarm`, queue, alarmTopic);

  stack.addOutputs({ EventBusName: bus.eventBusName });
  return { bus, consumers: wiring.consumers };
}
