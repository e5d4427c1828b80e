import type { Template } from "aws-cdk-lib/assertions";

/** Reads a nested value of synthesized JSON (`at(res, "Properties", "Role", "Fn::GetAtt", 0)`); undefined if absent. */
export function at(value: unknown, ...path: (string | number)[]): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}

export function resourcesOf(template: Template, type: string): [string, unknown][] {
  return Object.entries(template.findResources(type));
}

export function onlyResource(template: Template, type: string): [string, unknown] {
  const found = resourcesOf(template, type);
  const [first] = found;
  if (found.length !== 1 || !first) throw new Error(`expected one ${type}, found ${found.length}`);
  return first;
}

export function resourceById(template: Template, logicalId: string): unknown {
  const resource = at(template.toJSON(), "Resources", logicalId);
  if (!resource) throw new Error(`no resource ${logicalId}`);
  return resource;
}

/**
 * The `Fn::ImportValue` another stack uses for `{Ref: logicalId}` (no attribute) or `{Fn::GetAtt: [id, attr]}`
 * of a resource in `producer`: lets a test check a cross-stack value points at exactly that resource.
 */
export function importOf(producer: Template, logicalId: string, attribute?: string): { "Fn::ImportValue": string } {
  const wanted = JSON.stringify(attribute ? { "Fn::GetAtt": [logicalId, attribute] } : { Ref: logicalId });
  const outputs = Object.values(at(producer.toJSON(), "Outputs") ?? {});
  const output = outputs.find((o) => at(o, "Export", "Name") && JSON.stringify(at(o, "Value")) === wanted);
  const name = at(output, "Export", "Name");
  if (typeof name !== "string") throw new Error(`no export of ${wanted}`);
  return { "Fn::ImportValue": name };
}

/** `https://<domain of the distribution>` as another stack sees it. */
export function siteUrlImport(hosting: Template): unknown {
  const [distributionId] = onlyResource(hosting, "AWS::CloudFront::Distribution");
  return { "Fn::Join": ["", ["https://", importOf(hosting, distributionId, "DomainName")]] };
}

export interface Statement {
  readonly actions: string[];
  readonly resources: unknown[];
  readonly effect: unknown;
}

/** All statements of the inline policies attached to the role a function runs as. */
export function statementsOfFunctionRole(template: Template, functionId: string): Statement[] {
  const roleId = at(resourceById(template, functionId), "Properties", "Role", "Fn::GetAtt", 0);
  if (typeof roleId !== "string") throw new Error(`function ${functionId} has no role`);
  return resourcesOf(template, "AWS::IAM::Policy")
    .filter(([, policy]) => [at(policy, "Properties", "Roles")].flat().some((r) => at(r, "Ref") === roleId))
    .flatMap(([, policy]) => [at(policy, "Properties", "PolicyDocument", "Statement")].flat())
    .map((s) => ({
      actions: [at(s, "Action")].flat().map(String),
      resources: [at(s, "Resource")].flat(),
      effect: at(s, "Effect"),
    }));
}

/** The one function of a stack whose handler is `handler` (as given to SST, e.g. `packages/.../lambda.handler`). */
export function functionByHandler(template: Template, handler: string): [string, unknown] {
  const found = resourcesOf(template, "AWS::Lambda::Function").filter(
    ([, fn]) => at(fn, "Properties", "Handler") === handler,
  );
  const [first] = found;
  if (found.length !== 1 || !first) throw new Error(`expected one function for ${handler}, found ${found.length}`);
  return first;
}
