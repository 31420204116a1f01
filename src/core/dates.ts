// The one date formatter: every date people see (cards, pages, PDFs, exports) is shown in UK time, Europe/London.
export const UK_TIME_ZONE = "Europe/London";

const parts = new Intl.DateTimeFormat("en-GB", {
  weekday: "short",
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
  timeZone: UK_TIME_ZONE,
});
const numeric = new Intl.DateTimeFormat("en-GB", {
  day: "2-digit",
  month: "2-digit",
  year: "numeric",
  timeZone: UK_TIME_ZONE,
});

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** A Date from an ISO string or a Date; null when it is not a date. */
function toDate(at: string | Date): Date | null {
  const d = typeof at === "string" ? new Date(DATE_ONLY.test(at) ? `${at}T12:00:00Z` : at) : at;
  return Number.isNaN(d.getTime()) ? null : d;
}

function pieces(d: Date) {
  const all = parts.formatToParts(d);
  const part = (type: Intl.DateTimeFormatPartTypes) => all.find((p) => p.type === type)?.value ?? "";
  return {
    weekday: part("weekday"),
    day: part("day"),
    month: part("month"),
    year: part("year"),
    time: `${part("hour")}:${part("minute")}`,
  };
}

/**
 * The calendar day in the UK as `2026-06-02`: an instant at 00:30 BST on 2 June is the 2nd, not the 1st
 * (`toISOString().slice(0, 10)` would say the 1st). A date without a time (`2026-06-02`) is that day.
 */
export function ukDay(at: string | Date): string {
  if (typeof at === "string" && DATE_ONLY.test(at)) return at;
  const d = toDate(at);
  if (!d) return String(at);
  const [day, month, year] = numeric.format(d).split("/");
  return `${year}-${month}-${day}`;
}

/** "2 Jun 2026" in UK time; the input as it is when it is not a date. */
export function formatDay(at: string | Date): string {
  const d = toDate(at);
  if (!d) return String(at);
  const p = pieces(d);
  return `${p.day} ${p.month} ${p.year}`;
}

/** "2 Jun 2026, 00:30" in UK time; a date without a time is shown as the day only. */
export function formatDateTime(at: string | Date): string {
  const d = toDate(at);
  if (!d) return String(at);
  const p = pieces(d);
  if (typeof at === "string" && DATE_ONLY.test(at)) return `${p.day} ${p.month} ${p.year}`;
  return `${p.day} ${p.month} ${p.year}, ${p.time}`;
}

/** "Tue 2 Jun 2026, 00:30" in UK time, as the cards show it. */
export function formatWhen(at: string | Date): string {
  const d = toDate(at);
  if (!d) return String(at);
  const p = pieces(d);
  if (typeof at === "string" && DATE_ONLY.test(at)) return `${p.weekday} ${p.day} ${p.month} ${p.year}`;
  return `${p.weekday} ${p.day} ${p.month} ${p.year}, ${p.time}`;
}

/** "00:30" in UK time. */
export function formatTime(at: string | Date): string {
  const d = toDate(at);
  return d ? pieces(d).time : String(at);
}

/** "2026-06-02 00:30" in UK time: sortable, for spreadsheets (the CSV export). */
export function ukStamp(at: string | Date): string {
  const d = toDate(at);
  if (!d) return String(at);
  if (typeof at === "string" && DATE_ONLY.test(at)) return at;
  return `${ukDay(d)} ${pieces(d).time}`;
}
