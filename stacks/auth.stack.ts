import { createHash } from "node:crypto";
import { Duration, RemovalPolicy } from "aws-cdk-lib";
import {
  AccountRecovery,
  ClientAttributes,
  FeaturePlan,
  OAuthScope,
  StringAttribute,
  UserPool,
  type UserPoolClient,
  UserPoolClientIdentityProvider,
} from "aws-cdk-lib/aws-cognito";
import type { Construct } from "constructs";
import { use, type StackContext } from "sst/constructs";
import { roles } from "@dealflow/core/user/user.entity";
import { Hosting } from "./hosting.stack.ts";
import { stageSettings } from "./stage-settings.ts";

/** Cognito: e-mail sign-in, one group per role, and a public (PKCE) client for the web app's hosted UI. */
export function Auth({ stack, app }: StackContext) {
  const { siteUrl } = use(Hosting);
  const userPool = createUserPool(stack, stageSettings(app.stage).retainData);
  for (const role of roles) userPool.addGroup(`Group${role}`, { groupName: role, description: `Dealflow ${role}s` });
  const domain = userPool.addDomain("HostedUi", {
    cognitoDomain: { domainPrefix: domainPrefix(app.stage, app.name, stack.account) },
  });
  const webClient = addWebClient(userPool, siteUrl);

  // The `iss` claim of the pool's tokens, spelled out: the app fetches `${issuer}/.well-known/jwks.json`.
  const issuer = `https://cognito-idp.${stack.region}.${stack.urlSuffix}/${userPool.userPoolId}`;
  stack.addOutputs({
    UserPoolId: userPool.userPoolId,
    UserPoolClientId: webClient.userPoolClientId,
    AuthDomainUrl: domain.baseUrl(),
  });
  return { userPool, webClient, issuer, authDomainUrl: domain.baseUrl() };
}

function createUserPool(scope: Construct, retainData: boolean): UserPool {
  return new UserPool(scope, "UserPool", {
    signInAliases: { email: true },
    autoVerify: { email: true },
    // A CRM is invite-only: admins create users (and set their team), nobody signs up alone.
    selfSignUpEnabled: false,
    standardAttributes: { email: { required: true, mutable: true } },
    customAttributes: { team_id: new StringAttribute({ minLen: 1, maxLen: 64, mutable: true }) },
    accountRecovery: AccountRecovery.EMAIL_ONLY,
    featurePlan: FeaturePlan.LITE,
    deletionProtection: retainData,
    removalPolicy: retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
  });
}

/** No secret (a browser cannot keep one): the hosted UI's code flow with PKCE, back to the site. */
function addWebClient(userPool: UserPool, siteUrl: string): UserPoolClient {
  return userPool.addClient("WebClient", {
    generateSecret: false,
    authFlows: { userSrp: true },
    oAuth: {
      flows: { authorizationCodeGrant: true },
      scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
      callbackUrls: [siteUrl],
      logoutUrls: [siteUrl],
    },
    supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
    preventUserExistenceErrors: true,
    idTokenValidity: Duration.hours(1),
    refreshTokenValidity: Duration.days(30),
    readAttributes: new ClientAttributes()
      .withStandardAttributes({ email: true, emailVerified: true, fullname: true })
      .withCustomAttributes("team_id"),
    // The team decides what a user may see, so users must not be able to rewrite it themselves.
    writeAttributes: new ClientAttributes().withStandardAttributes({ fullname: true }),
  });
}

/**
 * Hosted-UI prefixes are global across AWS: unique per app, stage and account (hashed, so the public sign-in
 * URL does not spell out the account id). Cognito rejects prefixes containing aws, amazon or cognito.
 */
function domainPrefix(stage: string, appName: string, account: string): string {
  const accountHash = createHash("sha256").update(account).digest("hex").slice(0, 10);
  const name = `${appName}-${stage}`
    .toLowerCase()
    .replace(/aws|amazon|cognito/g, "x")
    .replace(/[^a-z0-9-]+/g, "-")
    .slice(0, 50);
  return `${name}-${accountHash}`.replace(/^-+/, "").replace(/--+/g, "-");
}
