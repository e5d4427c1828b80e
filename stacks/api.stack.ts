import { Api as HttpApi, Function, use, type StackContext } from "sst/constructs";
import { envNames } from "@dealflow/core/config";
import { alarmOnFunctionErrors } from "@dealflow/infra/alarms.construct";
import { Auth } from "./auth.stack.ts";
import { Bus } from "./bus.stack.ts";
import { Email } from "./email.stack.ts";
import { Hosting } from "./hosting.stack.ts";
import { Monitoring } from "./monitoring.stack.ts";
import { Storage } from "./storage.stack.ts";
import { grantRuntimeAccess, runtimeEnvironment } from "./function-defaults.ts";

/**
 * One HTTP API, one Lambda running the Hono app. No API Gateway authorizer: the app checks the Cognito JWT
 * itself, so /openapi.json and /docs stay public.
 */
export function Api({ stack }: StackContext) {
  const { table } = use(Storage);
  const { sender, mailFrom } = use(Email);
  const { siteUrl } = use(Hosting);
  const { bus } = use(Bus);
  const { issuer, webClient } = use(Auth);
  const { alarmTopic } = use(Monitoring);

  const handler = new Function(stack, "ApiHandler", {
    handler: "packages/functions/src/api/lambda.handler",
    description: "Dealflow HTTP API (Hono)",
    memorySize: 1024,
    // API Gateway gives up after 30 s; finishing later would only waste the invocation.
    timeout: 29,
    environment: {
      ...runtimeEnvironment({ table, bus, mailFrom, appUrl: siteUrl }),
      [envNames.cognitoIssuer]: issuer,
      [envNames.cognitoClientId]: webClient.userPoolClientId,
    },
  });
  grantRuntimeAccess(handler, { table, bus, sender });

  const api = new HttpApi(stack, "Api", {
    // Any origin: the embeddable web forms post from customers' own sites. Safe because auth is a bearer token
    // the page must hold (never a cookie the browser adds), so credentials stay off; preflights never reach Lambda.
    cors: {
      allowOrigins: ["*"],
      allowCredentials: false,
      allowMethods: ["ANY"],
      allowHeaders: ["authorization", "content-type", "idempotency-key"],
      maxAge: "1 day",
    },
    routes: { "ANY /{proxy+}": handler, "ANY /": handler },
  });
  alarmOnFunctionErrors(stack, "ApiErrorsAlarm", handler, alarmTopic);

  stack.addOutputs({ ApiUrl: api.url });
  return { api, handler };
}
