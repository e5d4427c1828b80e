import { BucketDeployment, CacheControl, Source } from "aws-cdk-lib/aws-s3-deployment";
import { StaticSite, use, type StackContext } from "sst/constructs";
import { Api } from "./api.stack.ts";
import { Auth } from "./auth.stack.ts";
import { Hosting } from "./hosting.stack.ts";
import { stageSettings } from "./stage-settings.ts";

/**
 * Builds the web client and uploads it to the bucket behind the CDN of the Hosting stack, then writes the
 * `/config.json` the client reads at start-up (one build runs against any API; the local server serves the
 * same file). The VITE_* values are also substituted into the build by SST for code that reads them there.
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
    // config.json is not in the build; SST's purge would delete it on every upload of a new build.
    purgeFiles: false,
    // SST writes an import.meta.env typing file when it sees vite.config.ts; keep it out of web/src.
    vite: { types: "../.sst/web-env.d.ts" },
    cdk: { bucket: hosting.bucket, distribution: hosting.distribution },
  });

  new BucketDeployment(stack, "ClientConfig", {
    destinationBucket: hosting.bucket,
    sources: [
      Source.jsonData("config.json", {
        apiUrl: api.url,
        region: stack.region,
        userPoolId: userPool.userPoolId,
        userPoolClientId: webClient.userPoolClientId,
        authDomainUrl,
      }),
    ],
    prune: false,
    cacheControl: [CacheControl.noCache()],
    distribution: hosting.distribution,
    distributionPaths: ["/config.json"],
  });
  stack.addOutputs({ SiteUrl: site.url ?? hosting.url });
  return { site };
}
