// The Prisma handle repositories share: the client itself or the client inside a transaction; and the unique-violation test.
import type { Prisma, PrismaClient } from "./generated/client/index.js";

export type Db = PrismaClient | Prisma.TransactionClient;

/** True for a unique-constraint violation (Prisma's P2002), whichever adapter raised it. */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as {
    code?: string;
    cause?: { code?: string };
    meta?: { driverAdapterError?: { cause?: { code?: string; originalCode?: string; kind?: string } } };
  } | null;
  // pglite-prisma-adapter's errors reach us as its own DriverAdapterError (older utils), with the SQLSTATE in `cause`.
  return (
    e?.code === "P2002" ||
    e?.code === "23505" ||
    e?.cause?.code === "23505" ||
    e?.meta?.driverAdapterError?.cause?.code === "23505" ||
    // @prisma/adapter-pg's errors for raw queries (P2010) keep the SQLSTATE as `originalCode`.
    e?.meta?.driverAdapterError?.cause?.originalCode === "23505"
  );
}

/** The fields unique constraint that was violated, where Prisma says. */
export function violatedFields(error: unknown): string[] {
  const target = (error as { meta?: { target?: unknown } } | null)?.meta?.target;
  return Array.isArray(target) ? target.map(String) : typeof target === "string" ? [target] : [];
}
