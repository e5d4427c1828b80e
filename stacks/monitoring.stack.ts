import { Topic } from "aws-cdk-lib/aws-sns";
import { EmailSubscription } from "aws-cdk-lib/aws-sns-subscriptions";
import type { StackContext } from "sst/constructs";
import { stageSettings } from "./stage-settings.ts";

/** Where every alarm of the app reports; subscribe an address with DEALFLOW_ALARM_EMAIL. */
export function Monitoring({ stack, app }: StackContext) {
  const alarmTopic = new Topic(stack, "AlarmTopic", { displayName: `Dealflow ${app.stage} alarms` });
  const { alarmEmail } = stageSettings(app.stage);
  if (alarmEmail) alarmTopic.addSubscription(new EmailSubscription(alarmEmail));
  stack.addOutputs({ AlarmTopicArn: alarmTopic.topicArn });
  return { alarmTopic };
}
