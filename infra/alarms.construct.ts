import { Duration } from "aws-cdk-lib";
import { Alarm, ComparisonOperator, TreatMissingData, type IMetric } from "aws-cdk-lib/aws-cloudwatch";
import { SnsAction } from "aws-cdk-lib/aws-cloudwatch-actions";
import type { IFunction } from "aws-cdk-lib/aws-lambda";
import type { ITopic } from "aws-cdk-lib/aws-sns";
import type { IQueue } from "aws-cdk-lib/aws-sqs";
import type { Construct } from "constructs";

/** Alarms the first time `metric` goes above zero, notifying `topic` when given. */
function alarmAboveZero(scope: Construct, id: string, metric: IMetric, description: string, topic?: ITopic): Alarm {
  const alarm = new Alarm(scope, id, {
    metric,
    alarmDescription: description,
    threshold: 0,
    comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
    evaluationPeriods: 1,
    treatMissingData: TreatMissingData.NOT_BREACHING,
  });
  if (topic) alarm.addAlarmAction(new SnsAction(topic));
  return alarm;
}

/** Any message in a dead-letter queue is an event nobody handled: alarm on the first one. */
export function alarmOnDeadLetters(scope: Construct, id: string, queue: IQueue, topic?: ITopic): Alarm {
  const metric = queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: "Maximum" });
  return alarmAboveZero(scope, id, metric, "Messages are waiting in a dead-letter queue: an event or invocation failed for good", topic);
}

/** The API maps bad input to 4xx, so any Lambda error is a bug or an outage worth a page. */
export function alarmOnFunctionErrors(scope: Construct, id: string, fn: IFunction, topic?: ITopic): Alarm {
  const metric = fn.metricErrors({ period: Duration.minutes(5), statistic: "Sum" });
  return alarmAboveZero(scope, id, metric, "The function reported errors", topic);
}
