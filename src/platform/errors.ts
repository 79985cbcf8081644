/**
 * Errors that are answers (DESIGN §1.8): each has a stable machine-readable type, an HTTP status and a
 * Japanese title and detail. The HTTP layer turns them into application/problem+json (RFC 9457); the
 * CLI prints the detail. Anything else that escapes is a bug and becomes a 500 without details.
 */
export interface FieldProblem {
  /** JSON path of the failing input, e.g. `tenantCode` or `members[2].birthDate`. */
  field: string;
  /** Stable name of the rule that failed, e.g. `format`, `check-digit`, `required`. */
  rule: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    /** Stable problem type, the last part of `urn:yakuba:problem:<code>`. */
    readonly code: string,
    readonly status: number,
    readonly title: string,
    detail: string,
  ) {
    super(detail);
    this.name = new.target.name;
  }

  get detail(): string {
    return this.message;
  }
}

export class ValidationError extends AppError {
  constructor(readonly errors: FieldProblem[], detail?: string) {
    super('validation', 422, '入力内容に誤りがあります', detail ?? errors.map((e) => e.message).join(' / '));
  }
}

export class NotFoundError extends AppError {
  constructor(detail: string) {
    super('not-found', 404, '対象が見つかりません', detail);
  }
}

export class ConflictError extends AppError {
  constructor(detail: string, code = 'conflict') {
    super(code, 409, '現在の状態では処理できません', detail);
  }
}

export const problemType = (code: string): string => `urn:yakuba:problem:${code}`;
