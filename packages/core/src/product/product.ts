import { z } from "zod";
import type { EntityItem } from "electrodb";
import { ConflictError, UnprocessableError } from "../errors.ts";
import { requireRole } from "../records/access.ts";
import type { Ctx } from "../records/context.ts";
import { page } from "../records/list.ts";
import { createRecord, entityOf, getRecord, updateRecord, type RecordKind } from "../records/record-writer.ts";
import { longText, parse, shortText, versionField } from "../records/schema.ts";
import { NotFoundError } from "../errors.ts";
import type { ProductEntity } from "./product.entity.ts";

export type Product = EntityItem<typeof ProductEntity>;
export const productKind: RecordKind = { type: "product", entity: "product", idField: "productId" };
export const PRICE_BOOK_TEAM = "price-book";
const keyFields = ["active", "name"] as const;

export const currencyCode = z.string().regex(/^[A-Z]{3}$/, "An ISO 4217 code such as CNY or USD");
/** Up to 10^13 minor units: far above any real price, well inside exact integer arithmetic. */
export const centsAmount = z.number().int("Give amounts in integer minor units (cents/分)").min(0).max(1e13);

const productFields = {
  name: shortText,
  sku: z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9][A-Za-z0-9._\-/]*$/, "Letters, digits and . _ - / only"),
  unit: z.string().trim().min(1).max(20),
  listPriceCents: centsAmount,
  currency: currencyCode,
  active: z.boolean(),
  description: longText,
};
export const createProductSchema = z.object({ ...productFields, active: productFields.active.optional(), description: productFields.description.optional() }).strict();
export const updateProductSchema = z.object({ ...versionField, ...z.object(productFields).partial().shape }).strict();
export const listProductsQuery = z.object({ active: z.enum(["true", "false", "all"]).default("true") });

/** Admins keep the price book; SKUs are unique (case-insensitively) across it. */
export async function createProduct(ctx: Ctx, raw: z.input<typeof createProductSchema>): Promise<Product> {
  const input = parse(createProductSchema, raw);
  requireRole(ctx.actor, "admin");
  const productId = crypto.randomUUID();
  const unique = {
    kind: "Put" as const,
    params: entityOf(ctx.db, "productSku").create({ sku: input.sku.toUpperCase(), productId }).params(),
    onConditionFailed: () => new ConflictError(`A product with SKU ${input.sku} already exists`, "sku"),
  };
  const fields = { ...input, productId, teamId: PRICE_BOOK_TEAM, active: input.active ?? true };
  return (await createRecord(ctx, productKind, fields, [unique])) as Product;
}

/** Everyone signed in reads the price book (quotes need it). */
export async function getProduct(ctx: Ctx, productId: string): Promise<Product> {
  const product = (await getRecord(ctx.db, productKind, productId)) as Product | null;
  if (!product) throw new NotFoundError("product", productId);
  return product;
}

/**
 * SKUs are immutable: quotes and orders carry them to ERP systems, so a changed SKU is a new product (and the old
 * one is deactivated).
 */
export async function updateProduct(ctx: Ctx, productId: string, raw: z.input<typeof updateProductSchema>): Promise<Product> {
  const input = parse(updateProductSchema, raw);
  requireRole(ctx.actor, "admin");
  const current = await getProduct(ctx, productId);
  const { version, ...patch } = input;
  if (patch.sku !== undefined && patch.sku !== current.sku) {
    throw new UnprocessableError("sku_immutable", "A product's SKU cannot change; create a new product and deactivate this one", "sku");
  }
  return (await updateRecord(ctx, productKind, current, version, patch, { keyFields })).record as Product;
}

/** Active (default) or inactive products by name, or both ("all": active first). */
export async function listProducts(ctx: Ctx, q: z.infer<typeof listProductsQuery> & { limit: number; cursor?: string | undefined }) {
  const { product } = ctx.db.entities;
  if (q.active !== "all") return page(product.query.byActiveName({ active: q.active === "true" }), q);
  const [active, inactive] = await Promise.all([true, false].map((a) => product.query.byActiveName({ active: a }).go({ pages: "all" })));
  return { items: [...(active?.data ?? []), ...(inactive?.data ?? [])], cursor: null };
}
