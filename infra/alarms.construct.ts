import { Duration } from "aws-cdk-lib";
import { Alarm, ComparisonOperator, TreatMissingData } from "aws-cdk-lib/aws-cloudwatch";
import { SnsAction } from "aws-cdk-lib/aws-cloudwatch-actions";
import type { IFunction } from "aws-cdk-lib/aws-lambda";
import type { ITopic } from "aws-cdk-lib/aws-sns";
import type { IQueue } from "aws-cdk-lib/aws-sqs";
import type { Construct } from "constructs";

/** Any message in a dead-letter queue is an event nobody handled: alarm on the first one. */
export function alarmOnDeadLetters(scope: Construct, id: string, queue: IQueue, topic?: ITopic): Alarm {
  const alarm = queue
    .metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: "Maximum" })
    .createAlarm(scope, id, {
      alarmDescription: "Messages are waiting in a dead-letter queue: an event or invocation failed for good",
      threshold: 0,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
  if (topic) alarm.addAlarmAction(new SnsAction(topic));
  return alarm;
}

/** The API maps bad input to 4xx, so any Lambda error is a bug or an outage worth a page. */
export function alarmOnFunctionErrors(scope: Construct, id: string, fn: IFunction, topic?: ITopic): Alarm {
  const alarm = fn
    .metricErrors({ period: Duration.minutes(5), statistic: "Sum" })
    .createAlarm(scope, id, {
      alarmDescription: "The function reported errors",
      threshold: 0,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
  if (topic) alarm.addAlarmAction(new SnsAction(topic));
  return alarm;
}
