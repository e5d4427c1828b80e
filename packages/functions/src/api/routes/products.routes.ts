import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { createProduct, createProductSchema, getProduct, listProducts, listProductsQuery, updateProduct, updateProductSchema } from "@dealflow/core/product/index";
import { pageQuery, parse } from "@dealflow/core/records/schema";
import type { ApiEnv } from "../deps.ts";
import { jsonBody } from "./crud.ts";
import { bearerDoc, errorResponses, idParam as id, json, jsonRequest } from "./l2c-route-docs.ts";

const doc = bearerDoc("Products");
const body = (schema: z.ZodType) => ({ body: jsonRequest(schema) });
const errors = errorResponses("See `code` and `field`");
const product = z.object({ productId: z.string(), sku: z.string(), name: z.string(), unit: z.string(), listPriceCents: z.number(), currency: z.string(), active: z.boolean(), version: z.number() }).loose();
const listQuery = listProductsQuery.extend(pageQuery);

/** The price book: everyone reads it, admins keep it (SKUs unique and immutable; prices in integer cents). */
export function productsRouter() {
  const app = new OpenAPIHono<ApiEnv>();
  const reg = app.openAPIRegistry;
  reg.registerPath(createRoute({ ...doc, method: "get", path: "/products", summary: "Products by name: active (default), inactive or all", request: { query: listQuery }, responses: { 200: json(z.object({ items: z.array(product), cursor: z.string().nullable() }), "A page of products"), ...errors } }));
  app.get("/products", async (c) => c.json(await listProducts(c.var.ctx, parse(listQuery, c.req.query())), 200));

  reg.registerPath(createRoute({ ...doc, method: "get", path: "/products/{id}", summary: "Read a product", request: { params: id }, responses: { 200: json(product, "The product"), ...errors } }));
  app.get("/products/:id", async (c) => c.json(await getProduct(c.var.ctx, c.req.param("id")), 200));

  reg.registerPath(createRoute({ ...doc, method: "post", path: "/products", summary: "Admin: add a product (409 if the SKU exists)", request: body(createProductSchema), responses: { 201: json(product, "The product"), ...errors } }));
  app.post("/products", async (c) => c.json(await createProduct(c.var.ctx, parse(createProductSchema, await jsonBody(c))), 201));

  reg.registerPath(createRoute({ ...doc, method: "patch", path: "/products/{id}", summary: "Admin: change name, unit, price, currency, description or active (the SKU is fixed)", request: { params: id, ...body(updateProductSchema) }, responses: { 200: json(product, "The product"), ...errors } }));
  app.patch("/products/:id", async (c) => c.json(await updateProduct(c.var.ctx, c.req.param("id"), parse(updateProductSchema, await jsonBody(c))), 200));
  return app;
}
