import { handle } from "hono/aws-lambda";
import { readEnv } from "@dealflow/core/config";
import { awsDeps } from "../runtime/aws-deps.ts";
import { createApp } from "./app.ts";
import { cognitoVerifier } from "./auth/tokens.ts";

/** API Gateway HTTP API → the Hono app, verifying Cognito ID tokens. */
export const handler = handle(createApp({ ...awsDeps(), verifier: cognitoVerifier(readEnv("cognitoIssuer"), readEnv("cognitoClientId")) }));
