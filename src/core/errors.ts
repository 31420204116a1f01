// The ground floor's error type: a code and a message in plain British English that says what to do next.

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
