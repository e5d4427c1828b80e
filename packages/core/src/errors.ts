/** Every error the domain raises on purpose; the API maps each to its HTTP status and a JSON body. */
export class DomainError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 422 | 429,
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationError extends DomainError {
  constructor(message: string, field?: string, details?: unknown) {
    super(400, "validation_failed", message, field, details);
  }
}

/** Well-formed input that breaks a business rule (unknown stage, owner outside the team...). */
export class UnprocessableError extends DomainError {
  constructor(code: string, message: string, field?: string, details?: unknown) {
    super(422, code, message, field, details);
  }
}

export class UnauthorizedError extends DomainError {
  constructor(message = "Sign in first: send a bearer token") {
    super(401, "unauthorized", message);
  }
}

export class ForbiddenError extends DomainError {
  constructor(message: string, field?: string) {
    super(403, "forbidden", message, field);
  }
}

export class NotFoundError extends DomainError {
  constructor(kind: string, id: string) {
    super(404, "not_found", `${kind} ${id} does not exist or is not visible to you`, "id");
  }
}

export class ConflictError extends DomainError {
  constructor(message: string, field = "version", details?: unknown) {
    super(409, "conflict", message, field, details);
  }
}
