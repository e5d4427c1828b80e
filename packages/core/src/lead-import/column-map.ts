import { UnprocessableError, ValidationError } from "../errors.ts";

/** Lead fields a column can fill; "skip" leaves a column out. */
export const importFields = ["name", "email", "phone", "title", "companyName", "industry", "companySize", "region", "campaign", "tags"] as const;
export type ImportField = (typeof importFields)[number];
export type MappingTarget = ImportField | "skip";

/** Header names recognised without a mapping, English and Chinese (compared case-, space- and width-insensitively). */
const aliases: Record<ImportField, string[]> = {
  name: ["name", "full name", "contact", "contact name", "lead name", "姓名", "名字", "联系人", "客户姓名"],
  email: ["email", "e-mail", "email address", "mail", "邮箱", "电子邮箱", "电子邮件", "邮件", "邮箱地址"],
  phone: ["phone", "mobile", "telephone", "tel", "phone number", "mobile phone", "电话", "手机", "手机号", "手机号码", "联系电话", "电话号码"],
  title: ["title", "job title", "position", "role", "职位", "职务", "头衔"],
  companyName: ["company", "company name", "organization", "organisation", "account", "公司", "公司名称", "单位", "企业", "企业名称"],
  industry: ["industry", "sector", "行业", "所属行业"],
  companySize: ["company size", "size", "employees", "headcount", "规模", "公司规模", "企业规模", "人数"],
  region: ["region", "area", "territory", "province", "地区", "区域", "省份", "城市"],
  campaign: ["campaign", "campaign name", "活动", "市场活动"],
  tags: ["tags", "tag", "labels", "标签"],
};

const squash = (h: string) => h.normalize("NFKC").toLowerCase().replace(/[\s_\-.]+/g, "");
const byAlias = new Map(importFields.flatMap((f) => [f, ...aliases[f]].map((a) => [squash(a), f] as const)));

/** Which lead field each column fills (by column index), and the columns nothing reads. */
export interface ColumnMapping {
  columns: { index: number; header: string; field: ImportField }[];
  unmapped: string[];
}

function findColumn(header: string[], name: string): number {
  const exact = header.indexOf(name);
  const index = exact >= 0 ? exact : header.findIndex((h) => squash(h) === squash(name));
  if (index < 0) throw new UnprocessableError("unknown_column", `The mapping names column "${name}", which the CSV header does not have (it has: ${header.join(", ")})`, "mapping");
  return index;
}

/**
 * Explicit `{csvColumn: field}` entries first; every other column by its header name. A field fed by two
 * columns is ambiguous (422), and without a name column no row can become a lead (422).
 */
export function resolveMapping(header: string[], explicit: Record<string, MappingTarget> = {}): ColumnMapping {
  const fieldAt = new Map<number, MappingTarget>();
  for (const [column, target] of Object.entries(explicit)) fieldAt.set(findColumn(header, column), target);
  const taken = new Set([...fieldAt.values()].filter((t) => t !== "skip"));
  if (taken.size < [...fieldAt.values()].filter((t) => t !== "skip").length) {
    throw new UnprocessableError("mapping_ambiguous", "The mapping sends two columns to the same field", "mapping");
  }
  header.forEach((h, index) => {
    const auto = byAlias.get(squash(h));
    if (fieldAt.has(index) || !auto || taken.has(auto)) return;
    fieldAt.set(index, auto);
    taken.add(auto);
  });
  const columns = header.flatMap((h, index) => {
    const field = fieldAt.get(index);
    return field && field !== "skip" ? [{ index, header: h, field }] : [];
  });
  if (!columns.some((c) => c.field === "name")) {
    throw new UnprocessableError("name_unmapped", `No column gives the lead's name: map one, e.g. "${header[0] ?? "Name"}=name"`, "mapping");
  }
  return { columns, unmapped: header.filter((_, i) => !columns.some((c) => c.index === i)) };
}

/** `"Email=email,公司=companyName"` (the CLI's --map) as a mapping; the targets are checked by the API. */
export function parseMappingText(text: string): Record<string, string> {
  const mapping: Record<string, string> = {};
  for (const pair of text.split(",")) {
    const [column, field, extra] = pair.split("=").map((s) => s.trim());
    if (!column || !field || extra !== undefined) throw new ValidationError(`"${pair}" is not Column=field`, "mapping");
    mapping[column] = field;
  }
  return mapping;
}

/** One row's cells as capture input: blank cells left out, tags split on , ; 、 and their full-width forms. */
export function rowInput(cells: string[], mapping: ColumnMapping): Record<string, string | string[]> {
  const input: Record<string, string | string[]> = {};
  for (const { index, field } of mapping.columns) {
    const value = (cells[index] ?? "").trim();
    if (value === "") continue;
    input[field] = field === "tags" ? value.split(/[,;，；、]/).map((t) => t.trim()).filter(Boolean) : value;
  }
  return input;
}
