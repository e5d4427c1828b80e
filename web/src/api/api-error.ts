/**
 * An error the API answered with (`{code, message, field, details?}`), or a failure to reach it at all (status 0).
 * `details` carries what a rule found, e.g. a gate refusal's `{unmet: [...]}`.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

function isErrorBody(v: unknown): v is { code: string; message: string; field?: string; details?: unknown } {
  return typeof v === "object" && v !== null && typeof (v as { code?: unknown }).code === "string" && typeof (v as { message?: unknown }).message === "string";
}

/** Reads a non-2xx response as an ApiError, keeping the server's own message whenever it sent one. */
export async function errorFromResponse(res: Response): Promise<ApiError> {
  const text = await res.text().catch(() => "");
  let body: unknown = undefined;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // A proxy's HTML error page is still an error; the status line is all we can show.
  }
  if (isErrorBody(body)) return new ApiError(res.status, body.code, body.message, body.field, body.details);
  return new ApiError(res.status, "http_error", `${res.status} ${res.statusText}`.trim());
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;
