/**
 * The one place resource names and runtime settings reach code (SST binds them as env vars in AWS; the local
 * runtime sets the same variables). Nothing else reads process.env.
 */
export const envNames = {
  runtime: "DEALFLOW_RUNTIME", // "aws" | "local"
  tableName: "TABLE_NAME",
  eventBusName: "EVENT_BUS_NAME",
  mailFrom: "MAIL_FROM",
  appUrl: "APP_URL",
  cognitoIssuer: "COGNITO_ISSUER",
  cognitoClientId: "COGNITO_CLIENT_ID",
  /** JSON object: state-machine name (infra/state-machines.ts) → ARN. */
  stateMachineArns: "STATE_MACHINE_ARNS",
  /** Seconds between a deal's SLA reminder and its escalation (default two days). */
  dealGraceSeconds: "DEAL_GRACE_SECONDS",
  /** Local only: endpoints of the stand-ins and the dev token secret. */
  dynamoEndpoint: "DYNAMODB_ENDPOINT",
  eventsEndpoint: "EVENTS_ENDPOINT",
  statesEndpoint: "STATES_ENDPOINT",
  smtpUrl: "SMTP_URL",
  devTokenSecret: "DEV_TOKEN_SECRET",
} as const;

export type EnvKey = keyof typeof envNames;

export function readEnv(key: EnvKey, env: NodeJS.ProcessEnv = process.env): string {
  const value = env[envNames[key]];
  if (!value) throw new Error(`Missing configuration: environment variable ${envNames[key]} is not set`);
  return value;
}

export function readOptionalEnv(key: EnvKey, env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env[envNames[key]] || undefined;
}
