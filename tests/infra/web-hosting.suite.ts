import { readFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { Api } from "../../stacks/api.stack.ts";
import { Auth } from "../../stacks/auth.stack.ts";
import { Hosting } from "../../stacks/hosting.stack.ts";
import { Web } from "../../stacks/web.stack.ts";
import type { SynthesizedApp } from "./synth-app.ts";
import { at, importOf, onlyResource } from "./template-queries.ts";
import { sharedApp, sharedAppTimeout } from "./shared-app.ts";

const siteEnv = ["VITE_API_URL", "VITE_USER_POOL_ID", "VITE_USER_POOL_CLIENT_ID"] as const;

let synth: SynthesizedApp;
beforeAll(async () => {
  synth = await sharedApp();
}, sharedAppTimeout);

describe("Hosting stack", () => {
  test("the site bucket is private and encrypted", () => {
    const [, bucket] = onlyResource(synth.template(Hosting), "AWS::S3::Bucket");
    expect(at(bucket, "Properties")).toMatchObject({
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" } }] },
    });
  });

  test("CloudFront serves the bucket over HTTPS through origin access control, as a single-page app", () => {
    const template = synth.template(Hosting);
    const [bucketId] = onlyResource(template, "AWS::S3::Bucket");
    const [oacId] = onlyResource(template, "AWS::CloudFront::OriginAccessControl");
    const [, distribution] = onlyResource(template, "AWS::CloudFront::Distribution");
    const config = at(distribution, "Properties", "DistributionConfig");
    expect(config).toMatchObject({
      DefaultRootObject: "index.html",
      DefaultCacheBehavior: { ViewerProtocolPolicy: "redirect-to-https" },
      Origins: [
        {
          DomainName: { "Fn::GetAtt": [bucketId, "RegionalDomainName"] },
          OriginAccessControlId: { "Fn::GetAtt": [oacId, "Id"] },
        },
      ],
    });
    expect(at(config, "CustomErrorResponses")).toEqual(
      [403, 404].map((code) => expect.objectContaining({ ErrorCode: code, ResponseCode: 200, ResponsePagePath: "/index.html" })),
    );
  });
});

describe("Web stack", () => {
  test("uploads the build into the hosting bucket and invalidates the hosting distribution", () => {
    const template = synth.template(Web);
    const hosting = synth.template(Hosting);
    const [bucketId] = onlyResource(hosting, "AWS::S3::Bucket");
    const [distributionId] = onlyResource(hosting, "AWS::CloudFront::Distribution");
    const [, upload] = onlyResource(template, "Custom::S3Uploader");
    expect(at(upload, "Properties", "destinationBucketName")).toEqual(importOf(hosting, bucketId));
    const [, invalidation] = onlyResource(template, "Custom::CloudFrontInvalidator");
    expect(at(invalidation, "Properties", "distributionId")).toEqual(importOf(hosting, distributionId));
  });

  test("the site is built with placeholders that deploy replaces by the API URL, pool id and client id", async () => {
    const auth = synth.template(Auth);
    const [apiId] = onlyResource(synth.template(Api), "AWS::ApiGatewayV2::Api");
    const [poolId] = onlyResource(auth, "AWS::Cognito::UserPool");
    const [clientId] = onlyResource(auth, "AWS::Cognito::UserPoolClient");
    const expected = {
      VITE_API_URL: importOf(synth.template(Api), apiId, "ApiEndpoint"),
      VITE_USER_POOL_ID: importOf(auth, poolId),
      VITE_USER_POOL_CLIENT_ID: importOf(auth, clientId),
    };
    const built = await readFile(path.join(synth.webDir, "dist/assets/app.js"), "utf8");
    const [, upload] = onlyResource(synth.template(Web), "Custom::S3Uploader");
    const replacements = [at(upload, "Properties", "replaceValues")].flat();
    for (const name of siteEnv) {
      expect(built).toContain(`"${name}":"{{ ${name} }}"`);
      expect(replacements).toContainEqual({ files: "**/*.js", search: `{{ ${name} }}`, replace: expected[name] });
    }
  });


  test("writes /config.json (the client's start-up settings) next to the build, uncached, never pruned", async () => {
    const hosting = synth.template(Hosting);
    const auth = synth.template(Auth);
    const [bucketId] = onlyResource(hosting, "AWS::S3::Bucket");
    const [distributionId] = onlyResource(hosting, "AWS::CloudFront::Distribution");
    const [apiId] = onlyResource(synth.template(Api), "AWS::ApiGatewayV2::Api");
    const [clientId] = onlyResource(auth, "AWS::Cognito::UserPoolClient");
    const [, deployment] = onlyResource(synth.template(Web), "Custom::CDKBucketDeployment");
    expect(at(deployment, "Properties")).toMatchObject({
      DestinationBucketName: importOf(hosting, bucketId),
      Prune: false,
      SystemMetadata: { "cache-control": "no-cache" },
      DistributionId: importOf(hosting, distributionId),
      DistributionPaths: ["/config.json"],
    });
    const assetKey = String(at(deployment, "Properties", "SourceObjectKeys", 0)).replace(/\.zip$/, "");
    const config = await readFile(path.join(synth.app.outdir, `asset.${assetKey}`, "config.json"), "utf8");
    // Deploy-time values sit in the file as markers that the deployment replaces by quoted JSON strings.
    const markers = at(deployment, "Properties", "SourceMarkers", 0);
    const deployed = (key: string) => at(markers, config.match(new RegExp(`"${key}":(<<marker:[^>]+>>)`))?.[1] ?? "");
    const quoted = (value: unknown) => ({ "Fn::Join": ["", ['"', value, '"']] });
    expect(deployed("apiUrl")).toEqual(quoted(importOf(synth.template(Api), apiId, "ApiEndpoint")));
    expect(deployed("userPoolClientId")).toEqual(quoted(importOf(auth, clientId)));
  });
});
