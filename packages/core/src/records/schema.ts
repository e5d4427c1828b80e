import { z } from "zod";
import { ValidationError } from "../errors.ts";

export const idSchema = z.string().min(1).max(64);
export const isoDate = z.iso.date();
export const isoDateTime = z.iso.datetime({ offset: true });
const trimmed = (max: number) => z.string().trim().min(1).max(max);
export const shortText = trimmed(200);
export const longText = z.string().trim().max(5000);
export const email = z.email().max(254).transform((e) => e.toLowerCase());
export const phone = z.string().trim().regex(/^\+?[0-9 ()\-.]{5,25}$/, "Use digits, spaces and + ( ) - . only");
export const tags = z.array(trimmed(40)).max(30);

/** Every update names the version it was based on: a stale one is refused with 409. */
export const versionField = { version: z.number().int().positive() };

export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(2048).optional(),
};

/** Validates domain input, turning the first zod issue into a 400 that names the offending field. */
export function parse<S extends z.ZodType>(schema: S, raw: unknown): z.infer<S> {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path.join(".") || undefined;
  throw new ValidationError(issue ? `${field ? `${field}: ` : ""}${issue.message}` : "Invalid input", field, result.error.issues);
}
