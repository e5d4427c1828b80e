/**
 * EventBridge wildcard filters: `*` matches zero or more characters, `\*` is a literal star, `\\` a literal
 * backslash; the whole value must match. Consecutive stars and other escapes are rejected, as AWS does.
 */
export function wildcardError(filter: string): string | null {
  for (let i = 0; i < filter.length; i++) {
    const ch = filter[i];
    if (ch === "\\") {
      const next = filter[i + 1];
      if (next !== "*" && next !== "\\") return `Invalid escape character at pos ${i} of wildcard "${filter}"`;
      i++;
    } else if (ch === "*" && filter[i + 1] === "*") {
      return `Consecutive wildcard characters at pos ${i} of wildcard "${filter}"`;
    }
  }
  return null;
}

const compiled = new Map<string, RegExp>();

export function matchesWildcard(filter: string, value: string): boolean {
  let regex = compiled.get(filter);
  if (!regex) {
    regex = new RegExp(`^${toRegexSource(filter)}$`, "s");
    compiled.set(filter, regex);
  }
  return regex.test(value);
}

function toRegexSource(filter: string): string {
  let source = "";
  for (let i = 0; i < filter.length; i++) {
    const ch = filter[i] ?? "";
    if (ch === "\\") {
      source += escapeRegex(filter[i + 1] ?? "");
      i++;
    } else {
      source += ch === "*" ? ".*" : escapeRegex(ch);
    }
  }
  return source;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}
