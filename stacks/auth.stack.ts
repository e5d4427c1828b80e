import { Duration, RemovalPolicy } from "aws-cdk-lib";
import {
  AccountRecovery,
  ClientAttributes,
  FeaturePlan,
  OAuthScope,
  StringAttribute,
  UserPool,
  UserPoolClientIdentityProvider,
} from "aws-cdk-lib/aws-cognito";
import { use, type StackContext } from "sst/constructs";
import { roles } from "@dealflow/core/user/user.entity";
import { Hosting } from "./hosting.stack.ts";
import { stageSettings } from "./stage-settings.ts";

/** Cognito: e-mail sign-in, one group per role, and a public (PKCE) client for the web app's hosted UI. */
export function Auth({ stack, app }: StackContext) {
  const { siteUrl } = use(Hosting);
  const { retainData } = stageSettings(app.stage);
  const userPool = new UserPool(stack, "UserPool", {
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
  for (const role of roles) userPool.addGroup(`Group${role}`, { groupName: role, description: `Dealflow ${role}s` });

  const domain = userPool.addDomain("HostedUi", {
    cognitoDomain: { domainPrefix: domainPrefix(app.stage, app.name, stack.account) },
  });
  const webClient = userPool.addClient("WebClient", {
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

  // The `iss` claim of the pool's tokens, spelled out: the app fetches `${issuer}/.well-known/jwks.json`.
  const issuer = `https://cognito-idp.${stack.region}.${stack.urlSuffix}/${userPool.userPoolId}`;
  stack.addOutputs({
    UserPoolId: userPool.userPoolId,
    UserPoolClientId: webClient.userPoolClientId,
    AuthDomainUrl: domain.baseUrl(),
  });
  return { userPool, webClient, issuer, authDomainUrl: domain.baseUrl() };
}

/** Hosted-UI prefixes are global across AWS: make them unique per app, stage and account. */
function domainPrefix(stage: string, appName: string, account: string): string {
  const prefix = `${appName}-${stage}-${account}`
    .toLowerCase()
    .replace(/aws|amazon|cognito/g, "x")
    .replace(/[^a-z0-9-]+/g, "-");
  return prefix.slice(0, 63).replace(/^-+|-+$/g, "");
}
