import { StaticSite, use, type StackContext } from "sst/constructs";
import { Api } from "./api.stack.ts";
import { Auth } from "./auth.stack.ts";
import { Hosting } from "./hosting.stack.ts";
import { stageSettings } from "./stage-settings.ts";

/**
 * Builds the web client and uploads it to the bucket behind the CDN of the Hosting stack. SST substitutes the
 * deploy-time values below into the built files, so the client needs no runtime config fetch.
 */
export function Web({ stack, app }: StackContext) {
  const { hosting } = use(Hosting);
  const { api } = use(Api);
  const { userPool, webClient, authDomainUrl } = use(Auth);
  const site = new StaticSite(stack, "Site", {
    path: stageSettings(app.stage).webDir,
    buildCommand: "npm run build",
    buildOutput: "dist",
    environment: {
      VITE_API_URL: api.url,
      VITE_REGION: stack.region,
      VITE_USER_POOL_ID: userPool.userPoolId,
      VITE_USER_POOL_CLIENT_ID: webClient.userPoolClientId,
      VITE_AUTH_DOMAIN_URL: authDomainUrl,
      VITE_SITE_URL: hosting.url,
    },
    cdk: { bucket: hosting.bucket, distribution: hosting.distribution },
  });
  stack.addOutputs({ SiteUrl: site.url ?? hosting.url });
  return { site };
}
