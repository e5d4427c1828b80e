import { matchesValue, type Leaf } from "./value-matchers.ts";

export { validatePattern } from "./pattern-validator.ts";

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * EventBridge content filtering: every field named in the pattern must match (AND), values listed for one field
 * are alternatives (OR), `$or` branches are alternatives, and fields the pattern does not name are ignored.
 * Assumes a pattern `validatePattern` accepted; anything it does not understand simply does not match.
 */
export function matchesPattern(pattern: unknown, event: unknown): boolean {
  return isRecord(pattern) && matchesObject(pattern, event);
}

function matchesObject(pattern: Record<string, unknown>, node: unknown): boolean {
  for (const [key, sub] of Object.entries(pattern)) {
    if (key === "$or") {
      if (!Array.isArray(sub) || !sub.some((branch) => isRecord(branch) && matchesObject(branch, node))) return false;
      continue;
    }
    const value = isRecord(node) && Object.hasOwn(node, key) ? node[key] : undefined;
    const ok = Array.isArray(sub) ? matchesField(sub, value) : isRecord(sub) && matchesNested(sub, value);
    if (!ok) return false;
  }
  return true;
}

/**
 * A nested pattern is tried against each object element of an event array separately, so fields matched together
 * come from the same element (EventBridge's array consistency). A missing or leaf value is treated as an empty
 * object, which lets `exists: false` below it match.
 */
function matchesNested(pattern: Record<string, unknown>, value: unknown): boolean {
  const objects = collectObjects(value);
  if (objects.length === 0) return matchesObject(pattern, {});
  return objects.some((object) => matchesObject(pattern, object));
}

/** Matchers are alternatives; each applies to every leaf of the field, so arrays match if any element does. */
function matchesField(matchers: unknown[], value: unknown): boolean {
  const leaves = collectLeaves(value);
  return matchers.some((matcher) => {
    if (isRecord(matcher) && Object.hasOwn(matcher, "exists")) {
      // Exists looks at leaves only: an object at this path counts as absent.
      return matcher.exists === true ? leaves.length > 0 : leaves.length === 0;
    }
    return leaves.some((leaf) => matchesValue(matcher, leaf));
  });
}

function collectLeaves(value: unknown, out: Leaf[] = []): Leaf[] {
  if (Array.isArray(value)) value.forEach((item) => collectLeaves(item, out));
  else if (value === null || typeof value === "string" || typeof value === "number" || typeof value === "boolean") {
    out.push(value);
  }
  return out;
}

function collectObjects(value: unknown, out: Record<string, unknown>[] = []): Record<string, unknown>[] {
  if (Array.isArray(value)) value.forEach((item) => collectObjects(item, out));
  else if (isRecord(value)) out.push(value);
  return out;
}
