// Dates and times as people in the UK read them (Europe/London, dd/mm/yyyy), and London calendar days as UTC ranges.
import { AppError } from "../core/errors.ts";

export const ZONE = "Europe/London";

const parts = (at: Date) => {
  const out: Record<string, number> = {};
  for (const p of new Intl.DateTimeFormat("en-GB", {
    timeZone: ZONE,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(at))
    if (p.type !== "literal") out[p.type] = Number(p.value);
  return out as { year: number; month: number; day: number; hour: number; minute: number; second: number };
};

/** London's offset from UTC at an instant, in milliseconds (0 in winter, one hour in summer). */
function offsetAt(at: Date): number {
  const p = parts(at);
  return (
    Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(at.getTime() / 1000) * 1000
  );
}

/** The instant a London wall-clock time names. */
export function londonInstant(year: number, month: number, day: number, hour = 0, minute = 0): Date {
  const guess = Date.UTC(year, month - 1, day, hour, minute);
  const first = guess - offsetAt(new Date(guess));
  return new Date(guess - offsetAt(new Date(first)));
}

/** "02/12/2026" */
export function ukDate(iso: string | Date): string {
  const p = parts(new Date(iso));
  return `${String(p.day).padStart(2, "0")}/${String(p.month).padStart(2, "0")}/${p.year}`;
}

/** "02/12/2026 at 10:30" */
export function ukDateTime(iso: string | Date): string {
  const p = parts(new Date(iso));
  return `${ukDate(iso)} at ${String(p.hour).padStart(2, "0")}:${String(p.minute).padStart(2, "0")}`;
}

/** The London calendar day `days` after the one `at` falls on, as [start, end) instants. */
export function londonDay(at: Date, days = 0): { start: Date; end: Date } {
  const p = parts(at);
  const noon = new Date(Date.UTC(p.year, p.month - 1, p.day + days, 12));
  const y = noon.getUTCFullYear();
  const m = noon.getUTCMonth() + 1;
  const d = noon.getUTCDate();
  const next = new Date(Date.UTC(y, m - 1, d + 1, 12));
  return {
    start: londonInstant(y, m, d),
    end: londonInstant(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate()),
  };
}

/**
 * A date and time typed by a person: ISO with an offset or Z is taken as it is; without one ("2026-12-02T10:00",
 * "2026-12-02 10:00") it is London time. A date alone is 09:00 London time.
 */
export function parseDateTime(text: string, what = "The date and time"): Date {
  const value = text.trim();
  const local = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?$/.exec(value);
  if (local) {
    const [, y, m, d, h, min] = local;
    const at = londonInstant(Number(y), Number(m), Number(d), h ? Number(h) : 9, min ? Number(min) : 0);
    if (!Number.isNaN(at.getTime()) && Number(m) >= 1 && Number(m) <= 12 && Number(d) >= 1 && Number(d) <= 31)
      return at;
  }
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value)) {
    const at = new Date(value);
    if (!Number.isNaN(at.getTime())) return at;
  }
  throw new AppError("bad_input", `${what} must look like 2026-12-02 10:30 (UK time).`);
}
