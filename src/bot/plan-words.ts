// Reads what an assessor typed after "plan for Amira": the unit, the day, the time and the venue, to prefill the form.

const DAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];
const MONTHS = [
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
];

export interface PlanWords {
  unitId?: string;
  /** "YYYY-MM-DD" (UK date). */
  date?: string;
  /** "HH:MM" (24-hour, UK time). */
  time?: string;
  venue?: string;
}

const pad = (n: number) => String(n).padStart(2, "0");
const iso = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;

/** Today's date in London: year, month (1-12), day and weekday (0 = Sunday). */
function londonToday(now: Date) {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone: "Europe/London",
    year: "numeric",
    month: "numeric",
    day: "numeric",
  }).formatToParts(now);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const y = get("year");
  const m = get("month");
  const d = get("day");
  return { y, m, d, weekday: new Date(Date.UTC(y, m - 1, d)).getUTCDay() };
}

const addDays = (y: number, m: number, d: number, days: number) => {
  const at = new Date(Date.UTC(y, m - 1, d + days));
  return iso(at.getUTCFullYear(), at.getUTCMonth() + 1, at.getUTCDate());
};

/** The unit (one of `unitIds`), the date, the time and the venue named in `text`; what is not there is left out. */
export function readPlanWords(text: string, unitIds: readonly string[], now: Date): PlanWords {
  let rest = ` ${text.replace(/\s+/g, " ")} `;
  const out: PlanWords = {};
  const take = (re: RegExp): RegExpExecArray | null => {
    const m = re.exec(rest);
    if (m) rest = `${rest.slice(0, m.index)} ${rest.slice(m.index + m[0].length)}`;
    return m;
  };
  const unit = take(/\s(?:unit\s+)?(\d{3})(?=[\s,.;:])/i);
  if (unit?.[1] && unitIds.includes(unit[1])) out.unitId = unit[1];

  const time =
    take(/\s(?:at\s+)?(\d{1,2})[:.](\d{2})\s*(am|pm)?(?=[\s,.;])/i) ??
    take(/\s(?:at\s+)?(\d{1,2})()\s*(am|pm)(?=[\s,.;])/i);
  if (time) {
    let hour = Number(time[1]);
    const minute = Number(time[2] || 0);
    const half = time[3]?.toLowerCase();
    if (half === "pm" && hour < 12) hour += 12;
    if (half === "am" && hour === 12) hour = 0;
    if (hour < 24 && minute < 60) out.time = `${pad(hour)}:${pad(minute)}`;
  }

  const today = londonToday(now);
  const isoDate = take(/\s(?:on\s+)?(\d{4})-(\d{2})-(\d{2})(?=[\s,.;])/);
  const ukDate = isoDate ? null : take(/\s(?:on\s+)?(\d{1,2})\/(\d{1,2})(?:\/(\d{2,4}))?(?=[\s,.;])/);
  const named =
    isoDate || ukDate ? null : take(/\s(?:on\s+)?(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]{3,9})(?=[\s,.;])/i);
  const relative =
    isoDate || ukDate || named ? null : take(/\s(?:on\s+|next\s+)?([a-z]+day|today|tomorrow)(?=[\s,.;])/i);
  if (isoDate) out.date = iso(Number(isoDate[1]), Number(isoDate[2]), Number(isoDate[3]));
  else if (ukDate) {
    const y = ukDate[3] ? Number(ukDate[3].length === 2 ? `20${ukDate[3]}` : ukDate[3]) : today.y;
    out.date = iso(y, Number(ukDate[2]), Number(ukDate[1]));
  } else if (named?.[2]) {
    const month = MONTHS.findIndex((m) => m.startsWith(named[2]?.toLowerCase() ?? "-"));
    if (month >= 0) {
      const d = Number(named[1]);
      // a date earlier in the year than today is next year's
      const y = month + 1 < today.m || (month + 1 === today.m && d < today.d) ? today.y + 1 : today.y;
      out.date = iso(y, month + 1, d);
    }
  } else if (relative?.[1]) {
    const word = relative[1].toLowerCase();
    const day = DAYS.indexOf(word);
    if (word === "today") out.date = iso(today.y, today.m, today.d);
    else if (word === "tomorrow") out.date = addDays(today.y, today.m, today.d, 1);
    // a weekday is the next one to come (a week today when it is today's)
    else if (day >= 0) out.date = addDays(today.y, today.m, today.d, ((day - today.weekday + 6) % 7) + 1);
  }

  const venue = /\s(?:at|in)\s+(?:the\s+)?(.+?)[\s,.;]*$/i.exec(rest);
  if (venue?.[1]?.trim()) out.venue = venue[1].trim();
  return out;
}
