// The `recent` command (and the Slack Home tab's list): a candidate's last five pieces of evidence, their state and a link.
import { formatDay } from "../core/dates.ts";
import { EVIDENCE_STATUS_WORDS } from "../core/status-words.ts";
import { candidatePages, pageLink } from "./page-links.ts";
import { card, say } from "./reply.ts";
import type { Turn } from "./turn.ts";
import type { BotReply } from "./types.ts";

export const RECENT_COUNT = 5;
/** How much of the account each line quotes. */
const QUOTE = 90;

const refNumber = (ref: string) => Number(/\d+/.exec(ref)?.[0] ?? 0);

/** The newest five (by their number, the order they were filed in), each as a short card with a link to its page. */
export async function recentEvidence(turn: Turn): Promise<BotReply[]> {
  const { person, portfolio } = turn;
  if (!person.roles.includes("candidate"))
    return [say("Recent evidence is kept for candidates. Type help to see what you can do.")];
  const work = await portfolio.work({ actorId: person.id });
  const newest = [...work.own].sort((a, b) => refNumber(b.ref) - refNumber(a.ref)).slice(0, RECENT_COUNT);
  if (!newest.length)
    return [
      say("You have no evidence yet. Tell me about a customer you helped, and I'll file it as a draft."),
    ];
  const { records } = await portfolio.withNames(newest.map((h) => h.id));
  return records
    .sort((a, b) => refNumber(b.ref) - refNumber(a.ref))
    .map((e) => {
      const quote = e.text.length > QUOTE ? `${e.text.slice(0, QUOTE - 1).trimEnd()}…` : e.text;
      const at = e.submittedAt ?? e.createdAt;
      const link = pageLink(turn, person.id, candidatePages(person.id, e.ref), `Open ${e.ref}`);
      return card({
        kind: "message",
        view: {
          title: `${e.ref} · ${EVIDENCE_STATUS_WORDS[e.status]}`,
          text: `${e.submittedAt ? "Submitted" : "Filed"} ${formatDay(at)}: “${quote}”`,
          ...(link ? { link } : {}),
        },
      });
    });
}
