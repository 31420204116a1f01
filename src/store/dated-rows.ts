// Rows as Prisma returns them, with Date columns, and the records with ISO date strings the repositories hand out.

/** A record `R` as its row: each column named in `K` is a Date (or null, where `R` allows null) instead of a string. */
export type DatedRow<R, K extends keyof R> = Omit<R, K> & {
  [P in K]: null extends R[P] ? Date | null : Date;
};

/** The record of a row: each column in `keys` as an ISO string; null stays null. */
export function isoDates<R, K extends keyof R>(row: DatedRow<R, K>, keys: readonly K[]): R {
  const record: Record<string, unknown> = { ...row };
  for (const key of keys) {
    const value = (row as Record<K, Date | null>)[key];
    record[key as string] = value ? value.toISOString() : null;
  }
  return record as R;
}
