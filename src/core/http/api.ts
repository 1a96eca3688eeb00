/** Shared pieces of the JSON API: the list envelope, paging parameters, errors, the OpenAPI app. */
import { OpenAPIHono, z } from "@hono/zod-openapi";
import type { Env } from "hono";
import { AppError } from "../errors.ts";
import { issuesToDetails } from "../validation.ts";

export const ErrorBody = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: "not_found" }),
      message: z.string(),
      details: z.array(z.object({ location: z.string(), message: z.string() })),
    }),
  })
  .openapi("Error");

const errorContent = (code: string, message: string, details: { location: string }[] = []) => ({
  "application/json": {
    schema: ErrorBody,
    example: {
      error: { code, message, details: details.map((d) => ({ ...d, message })) },
    },
  },
});

export const errorResponses = {
  400: {
    description: "Bad parameter",
    content: errorContent("bad_request", "パラメータが不正です: limit", [{ location: "limit" }]),
  },
  404: {
    description: "Not found",
    content: errorContent("not_found", "指標 GZ-9-Z9が見つかりません"),
  },
} as const;

export const ListQuery = z.object({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(1000)
    .default(100)
    .openapi({ param: { name: "limit", in: "query" }, example: 100 }),
  offset: z.coerce
    .number()
    .int()
    .min(0)
    .default(0)
    // Not nullable: Number(null) is 0, which made the generator say so.
    .openapi({
      param: { name: "offset", in: "query" },
      example: 0,
      type: "integer",
      minimum: 0,
      default: 0,
    }),
});

export const MunicipalityParam = z.object({
  code: z
    .string()
    .regex(/^\d{6}$/)
    .openapi({
      param: { name: "code", in: "path" },
      example: "082058",
      description: "全国地方公共団体コード",
    }),
});

/** `{"items": [...], "total": N}` */
export const listOf = <T extends z.ZodType>(item: T, name: string) =>
  z.object({ items: z.array(item), total: z.number().int() }).openapi(name);

/** One page of a list, each item mapped to its JSON form. */
export function page<T, U>(
  items: T[],
  q: { limit: number; offset: number },
  toJson: (item: T) => U,
) {
  return { items: items.slice(q.offset, q.offset + q.limit).map(toJson), total: items.length };
}

/** An OpenAPI app whose invalid parameters become 400 errors naming the parameter. */
export function createApi<E extends Env = Env>() {
  return new OpenAPIHono<E>({
    defaultHook: (result) => {
      if (!result.success) {
        const details = issuesToDetails(result.error);
        throw new AppError(
          "bad_request",
          `パラメータが不正です: ${details.map((d) => d.location).join(", ")}`,
          details,
        );
      }
    },
  });
}

export { z };
