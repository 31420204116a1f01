// The ground floor's error type: a code, a message in plain British English that says what to do next, and its HTTP status.

export type AppErrorCode =
  | "bad_input"
  | "not_found"
  | "conflict"
  | "stale"
  | "forbidden_state"
  | "unavailable"
  | "too_large"
  | "config";

/** An error meant for people: `message` is shown as it is, so it must say what to do next. */
export class AppError extends Error {
  override name = "AppError";
  constructor(
    readonly code: AppErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export const isAppError = (error: unknown): error is AppError => error instanceof AppError;

/** The one table from error code to HTTP status, for the API and the pages alike. */
export const HTTP_STATUS: Readonly<Record<AppErrorCode, number>> = {
  bad_input: 400,
  not_found: 404,
  conflict: 409,
  stale: 409,
  forbidden_state: 409,
  unavailable: 503,
  too_large: 413,
  config: 500,
};

/** The HTTP status an error is answered with: its code's for an AppError, 500 for anything else. */
export const httpStatusOf = (error: unknown): number => (isAppError(error) ? HTTP_STATUS[error.code] : 500);
