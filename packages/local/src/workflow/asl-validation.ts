import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { AslDefinition } from "./asl-types.ts";

interface AslValidatorResult {
  isValid: boolean;
  errorsText(separator?: string): string;
}
type AslValidator = (definition: unknown, opts?: { checkPaths?: boolean; checkArn?: boolean }) => AslValidatorResult;

// asl-validator ships CommonJS without type declarations.
const aslValidator: AslValidator = createRequire(import.meta.url)("asl-validator");

export class InvalidAslError extends Error {
  constructor(
    readonly machine: string,
    readonly problems: string[],
  ) {
    super(`State machine ${machine} is not valid ASL:\n  ${problems.join("\n  ")}`);
    this.name = "InvalidAslError";
  }
}

/** Validates with asl-validator (ARNs and JSONPaths checked) and refuses JSONata, which the local engine ignores. */
export function validateAsl(definition: unknown): { isValid: boolean; problems: string[] } {
  // asl-validator writes QueryLanguage into the object it checks, so it gets a copy.
  const result = aslValidator(structuredClone(definition), { checkArn: true, checkPaths: true });
  const problems = result.isValid ? [] : result.errorsText("\n").split("\n");
  if (JSON.stringify(definition ?? null).includes('"QueryLanguage":"JSONata"')) {
    problems.push("QueryLanguage JSONata is not supported locally: write the machine in JSONPath");
  }
  return { isValid: problems.length === 0, problems };
}

export function assertValidAsl(machine: string, definition: unknown): AslDefinition {
  const { isValid, problems } = validateAsl(definition);
  if (!isValid) throw new InvalidAslError(machine, problems);
  return definition as AslDefinition;
}

/** Reads an ASL JSON file, replacing `${Name}` placeholders (CDK definitionSubstitutions), and validates it. */
export function readAslFile(path: string, substitutions: Record<string, string> = {}): AslDefinition {
  const text = readFileSync(path, "utf8").replace(/\$\{([A-Za-z0-9_]+)\}/g, (whole, key: string) => substitutions[key] ?? whole);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new InvalidAslError(path, [`not JSON: ${(err as Error).message}`]);
  }
  return assertValidAsl(path, parsed);
}

export function localStateMachineArn(name: string, region = "us-east-1", account = "000000000000"): string {
  return `arn:aws:states:${region}:${account}:stateMachine:${name}`;
}
