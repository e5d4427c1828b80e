import { parseCidr } from "./ip-address.ts";
import { wildcardError } from "./wildcard.ts";

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const isScalar = (v: unknown): boolean => v === null || ["string", "number", "boolean"].includes(typeof v);
const at = (path: string, message: string): string => (path ? `${path}: ${message}` : message);

/**
 * Checks an event pattern with the rules EventBridge applies when a rule is created; returns a message naming the
 * offending field, or null when the pattern is valid.
 */
export function validatePattern(pattern: unknown): string | null {
  if (!isRecord(pattern)) return "Event pattern must be a JSON object";
  return checkObject(pattern, "");
}

function checkObject(node: Record<string, unknown>, path: string): string | null {
  const keys = Object.keys(node);
  if (keys.length === 0) return at(path, "Empty objects are not allowed");
  for (const key of keys) {
    const value = node[key];
    const error = key === "$or" ? checkOr(value, path) : checkField(value, path ? `${path}.${key}` : key);
    if (error) return error;
  }
  return null;
}

function checkOr(branches: unknown, path: string): string | null {
  if (!Array.isArray(branches)) return at(path, "$or must be followed by an array");
  if (branches.length < 2) return at(path, "There must be at least 2 objects in $or");
  for (const branch of branches) {
    if (!isRecord(branch)) return at(path, "Only JSON objects are allowed in the array of $or");
    const error = checkObject(branch, path);
    if (error) return error;
  }
  return null;
}

function checkField(value: unknown, path: string): string | null {
  if (isRecord(value)) return checkObject(value, path);
  if (!Array.isArray(value)) return at(path, "must be an object or an array");
  if (value.length === 0) return at(path, "Empty arrays are not allowed");
  for (const matcher of value) {
    const error = isRecord(matcher)
      ? checkMatcher(matcher, path)
      : isScalar(matcher) ? null : at(path, "Match value must be String, number, true, false, or null");
    if (error) return error;
  }
  return null;
}

function checkMatcher(matcher: Record<string, unknown>, path: string): string | null {
  const entries = Object.entries(matcher);
  const [op, arg] = entries[0] ?? [];
  if (op === undefined) return at(path, "Match expression name not found");
  if (entries.length > 1) return at(path, "Only one key allowed in match expression");
  const message = checkOperator(op, arg);
  return message ? at(path, message) : null;
}

function checkOperator(op: string, arg: unknown): string | null {
  switch (op) {
    case "prefix":
    case "suffix":
      return checkAffix(op, arg, false);
    case "equals-ignore-case":
      return typeof arg === "string" ? null : "equals-ignore-case match pattern must be a string";
    case "wildcard":
      return typeof arg === "string" ? wildcardError(arg) : "wildcard match pattern must be a string";
    case "numeric":
      return checkNumeric(arg);
    case "cidr":
      return checkCidr(arg);
    case "exists":
      return typeof arg === "boolean" ? null : "exists match pattern must be either true or false";
    case "anything-but":
      return checkAnythingBut(arg);
    default:
      return `Unrecognized match type ${op}`;
  }
}

/** prefix/suffix take a string or `{ "equals-ignore-case": string }`; inside anything-but they must be non-empty. */
function checkAffix(op: string, arg: unknown, nonEmpty: boolean): string | null {
  let text = arg;
  if (isRecord(arg) && !nonEmpty) {
    const keys = Object.keys(arg);
    if (keys.length !== 1 || keys[0] !== "equals-ignore-case") return `Unsupported ${op} pattern: ${keys.join(", ")}`;
    text = arg["equals-ignore-case"];
  }
  if (typeof text !== "string") return `${op} match pattern must be a string`;
  return nonEmpty && text === "" ? `Null ${op} not allowed in anything-but` : null;
}

function checkNumeric(terms: unknown): string | null {
  if (!Array.isArray(terms)) return "Value of numeric must be an array";
  const [op, value, op2, value2, ...rest] = terms;
  if (typeof op !== "string") return `Invalid member in numeric match: ${JSON.stringify(op)}`;
  if (!["=", ">", ">=", "<", "<="].includes(op)) return `Unrecognized numeric range operator: ${op}`;
  if (typeof value !== "number") return `Value of ${op} must be numeric`;
  if (terms.length === 2) return null;
  if (op === "=" || op === "<" || op === "<=") return "Too many elements in numeric expression";
  if (rest.length > 0) return "Too many terms in numeric range expression";
  if (op2 !== "<" && op2 !== "<=") return `Bad numeric range operator: ${String(op2)}`;
  if (typeof value2 !== "number") return `Value of ${op2} must be numeric`;
  return value < value2 ? null : "Bottom must be less than top in numeric range";
}

function checkCidr(arg: unknown): string | null {
  if (typeof arg !== "string") return "cidr match pattern must be a string";
  const range = parseCidr(arg);
  return typeof range === "string" ? range : null;
}

function checkAnythingBut(arg: unknown): string | null {
  if (isRecord(arg)) return checkAnythingButObject(arg);
  const values = Array.isArray(arg) ? arg : [arg];
  if (values.length === 0) return "Empty arrays are not allowed in anything-but";
  const allStrings = values.every((v) => typeof v === "string");
  const allNumbers = values.every((v) => typeof v === "number");
  if (allStrings || allNumbers) return null;
  return Array.isArray(arg)
    ? "Inside anything-but list, either all values are number or string, mixed type is not supported"
    : "Value of anything-but must be an array or single string/number value";
}

function checkAnythingButObject(arg: Record<string, unknown>): string | null {
  const entries = Object.entries(arg);
  const [op, inner] = entries[0] ?? [];
  if (op === undefined) return "Anything-but expression name not found";
  if (entries.length > 1) return "Only one key allowed in match expression";
  if (op === "prefix" || op === "suffix") return checkAffix(op, inner, true);
  if (op !== "equals-ignore-case" && op !== "wildcard") return `Unsupported anything-but pattern: ${op}`;
  const values = Array.isArray(inner) ? inner : [inner];
  if (values.length === 0) return `Empty arrays are not allowed in anything-but ${op}`;
  for (const value of values) {
    if (typeof value !== "string") return `Inside anything-but/${op}, only strings are supported`;
    const error = op === "wildcard" ? wildcardError(value) : null;
    if (error) return error;
  }
  return null;
}
