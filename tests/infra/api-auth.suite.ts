import { beforeAll, describe, expect, test } from "vitest";
import { envNames } from "@dealflow/core/config";
import { roles } from "@dealflow/core/user/user.entity";
import { Api } from "../../stacks/api.stack.ts";
import { Auth } from "../../stacks/auth.stack.ts";
import { Bus } from "../../stacks/bus.stack.ts";
import { Email } from "../../stacks/email.stack.ts";
import { Hosting } from "../../stacks/hosting.stack.ts";
import { Monitoring } from "../../stacks/monitoring.stack.ts";
import { Storage } from "../../stacks/storage.stack.ts";
import { testAccount, testRegion, type SynthesizedApp } from "./synth-app.ts";
import {
  at,
  functionByHandler,
  importOf,
  onlyResource,
  resourcesOf,
  siteUrlImport,
  statementsOfFunctionRole,
} from "./template-queries.ts";
import { sharedApp, sharedAppTimeout, sharedSender as sender } from "./shared-app.ts";

const apiHandler = "packages/functions/src/api/lambda.handler";
let synth: SynthesizedApp;
beforeAll(async () => {
  synth = await sharedApp();
}, sharedAppTimeout);

describe("Auth stack", () => {
  test("a user pool where people sign in with e-mail and carry a team_id", () => {
    const [, pool] = onlyResource(synth.template(Auth), "AWS::Cognito::UserPool");
    expect(pool).toMatchObject({
      DeletionPolicy: "Retain",
      Properties: { UsernameAttributes: ["email"], AdminCreateUserConfig: { AllowAdminCreateUserOnly: true } },
    });
    expect(at(pool, "Properties", "Schema")).toContainEqual(
      expect.objectContaining({ Name: "team_id", AttributeDataType: "String", Mutable: true }),
    );
  });

  test("one group per role the API understands", () => {
    const groups = resourcesOf(synth.template(Auth), "AWS::Cognito::UserPoolGroup").map(([, g]) =>
      at(g, "Properties", "GroupName"),
    );
    expect(groups.sort()).toEqual(["admin", "manager", "rep"]);
    expect([...roles].sort()).toEqual(groups);
  });

  test("the web client is public (PKCE), uses the code flow and returns to the site URL", () => {
    const [, client] = onlyResource(synth.template(Auth), "AWS::Cognito::UserPoolClient");
    const siteUrl = siteUrlImport(synth.template(Hosting));
    expect(at(client, "Properties")).toMatchObject({
      GenerateSecret: false,
      AllowedOAuthFlows: ["code"],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: expect.arrayContaining(["openid", "email"]),
      SupportedIdentityProviders: ["COGNITO"],
      CallbackURLs: [siteUrl],
      LogoutURLs: [siteUrl],
    });
    expect(at(client, "Properties", "ReadAttributes")).toContain("custom:team_id");
    expect(at(client, "Properties", "WriteAttributes")).not.toContain("custom:team_id");
  });

  test("the hosted UI gets a prefix unique to app, stage and account, without the account id in it", () => {
    const [, domain] = onlyResource(synth.template(Auth), "AWS::Cognito::UserPoolDomain");
    const prefix = String(at(domain, "Properties", "Domain"));
    expect(prefix).toMatch(/^dealflow-test-[0-9a-f]{10}$/);
    expect(prefix).not.toContain(testAccount);
  });
});

describe("Api stack", () => {
  test("an HTTP API with ANY / and ANY /{proxy+} on one function, no gateway authorizer", () => {
    const template = synth.template(Api);
    const [apiId, api] = onlyResource(template, "AWS::ApiGatewayV2::Api");
    expect(at(api, "Properties", "ProtocolType")).toBe("HTTP");
    const routes = resourcesOf(template, "AWS::ApiGatewayV2::Route").map(([, r]) => at(r, "Properties"));
    expect(routes.map((r) => at(r, "RouteKey")).sort()).toEqual(["ANY /", "ANY /{proxy+}"]);
    for (const route of routes) {
      expect(route).toMatchObject({ ApiId: { Ref: apiId }, AuthorizationType: "NONE" });
    }
    const [fnId] = functionByHandler(template, apiHandler);
    for (const [, integration] of resourcesOf(template, "AWS::ApiGatewayV2::Integration")) {
      expect(at(integration, "Properties", "IntegrationUri")).toEqual({ "Fn::GetAtt": [fnId, "Arn"] });
    }
  });

  test("CORS lets any page call the API (embedded web forms live on customers' sites), never with credentials", () => {
    const [, api] = onlyResource(synth.template(Api), "AWS::ApiGatewayV2::Api");
    expect(at(api, "Properties", "CorsConfiguration")).toEqual({
      AllowOrigins: ["*"],
      AllowCredentials: false,
      AllowMethods: ["*"],
      AllowHeaders: ["authorization", "content-type", "idempotency-key"],
      MaxAge: 86400,
    });
  });

  test("the function runs Node 22 on arm64 and gets every config.ts variable from this app", () => {
    const [, fn] = functionByHandler(synth.template(Api), apiHandler);
    const auth = synth.template(Auth);
    const [poolId] = onlyResource(auth, "AWS::Cognito::UserPool");
    const [clientId] = onlyResource(auth, "AWS::Cognito::UserPoolClient");
    const [tableId] = onlyResource(synth.template(Storage), "AWS::DynamoDB::Table");
    const [busId] = onlyResource(synth.template(Bus), "AWS::Events::EventBus");
    expect(at(fn, "Properties")).toMatchObject({ Runtime: "nodejs22.x", Architectures: ["arm64"] });
    expect(at(fn, "Properties", "Environment", "Variables")).toMatchObject({
      [envNames.runtime]: "aws",
      [envNames.tableName]: importOf(synth.template(Storage), tableId),
      [envNames.eventBusName]: importOf(synth.template(Bus), busId),
      [envNames.mailFrom]: sender,
      [envNames.appUrl]: siteUrlImport(synth.template(Hosting)),
      [envNames.cognitoIssuer]: {
        "Fn::Join": ["", [`https://cognito-idp.${testRegion}.`, { Ref: "AWS::URLSuffix" }, "/", importOf(auth, poolId)]],
      },
      [envNames.cognitoClientId]: importOf(auth, clientId),
    });
  });

  test("the function may use only this table and its indexes, this bus, and this sender", () => {
    const template = synth.template(Api);
    const [fnId] = functionByHandler(template, apiHandler);
    const [tableId] = onlyResource(synth.template(Storage), "AWS::DynamoDB::Table");
    const tableArn = importOf(synth.template(Storage), tableId, "Arn");
    const [busId] = onlyResource(synth.template(Bus), "AWS::Events::EventBus");
    const [senderId] = onlyResource(synth.template(Email), "AWS::SES::EmailIdentity");
    const statements = statementsOfFunctionRole(template, fnId);
    const byService = (service: string) => statements.filter((s) => s.actions.some((a) => a.startsWith(`${service}:`)));

    expect(byService("dynamodb")).toHaveLength(1);
    expect(byService("dynamodb")[0]?.resources).toEqual([tableArn, { "Fn::Join": ["", [tableArn, "/index/*"]] }]);
    expect(byService("events")).toEqual([
      { actions: ["events:PutEvents"], resources: [importOf(synth.template(Bus), busId, "Arn")], effect: "Allow" },
    ]);
    expect(byService("ses")).toHaveLength(1);
    expect(byService("ses")[0]?.actions.sort()).toEqual(["ses:SendEmail", "ses:SendRawEmail"]);
    expect(byService("ses")[0]?.resources).toEqual([
      {
        "Fn::Join": [
          "",
          [
            "arn:",
            { Ref: "AWS::Partition" },
            `:ses:${testRegion}:${testAccount}:identity/`,
            importOf(synth.template(Email), senderId),
          ],
        ],
      },
    ]);
    for (const statement of [...byService("dynamodb"), ...byService("events"), ...byService("ses")]) {
      expect(statement.resources).not.toContain("*");
    }
  });

  test("errors of the API function raise the alarm", () => {
    const template = synth.template(Api);
    const [fnId] = functionByHandler(template, apiHandler);
    const [topicId] = onlyResource(synth.template(Monitoring), "AWS::SNS::Topic");
    const [, alarm] = onlyResource(template, "AWS::CloudWatch::Alarm");
    expect(at(alarm, "Properties")).toMatchObject({
      Namespace: "AWS/Lambda",
      MetricName: "Errors",
      Dimensions: [{ Name: "FunctionName", Value: { Ref: fnId } }],
      ComparisonOperator: "GreaterThanThreshold",
      Threshold: 0,
      AlarmActions: [importOf(synth.template(Monitoring), topicId)],
    });
  });
});

describe("Email stack", () => {
  test("an SES identity for the configured sender address", () => {
    const [, identity] = onlyResource(synth.template(Email), "AWS::SES::EmailIdentity");
    expect(at(identity, "Properties", "EmailIdentity")).toBe(sender);
  });
});
