// An expert witness statement in chat: what the expert observed, against which criteria, and Sign for the expert, then the candidate.

import type { KnownBlock } from "@slack/types";
import * as ac from "./adaptive.ts";
import * as sk from "./slack.ts";
import { truncate } from "./text.ts";

/** A statement as the expert (asked to sign it), the candidate or the assessor sees it. */
export interface ExpertStatementCardView {
  statementId: string;
  /** The evidence reference the statement was filed as, e.g. "E9". */
  ref: string;
  witnessName: string;
  /** e.g. "Store manager". */
  position: string;
  candidateName: string;
  /** When the activity took place, in UK time. */
  when: string;
  text: string;
  /** "205.1.3 Greet customers…" for each criterion it is against. */
  criteria: string[];
  signed: string[];
  canSign: boolean;
  /** The Sign button's words: "Sign my statement" for the expert (left out), "Sign" for the candidate. */
  signLabel?: string;
  status: string;
}

const SIGN = "Sign my statement";
const key = (view: ExpertStatementCardView) => ({ evidenceId: view.statementId, version: 0 });
const heading = (view: ExpertStatementCardView) =>
  `Expert witness statement ${view.ref}: ${view.candidateName}`;

export function expertStatementCard(view: ExpertStatementCardView): ac.AdaptiveCard {
  return ac.card(
    [
      ac.heading(heading(view)),
      ac.facts([
        ["Expert witness", `${view.witnessName}, ${view.position}`],
        ["Candidate", view.candidateName],
        ["When", view.when],
      ]),
      ac.userText(truncate(view.text, 3000)),
      ac.text("Against", { weight: "bolder" }),
      ...view.criteria.slice(0, 12).map((c) => ac.text(truncate(c, 250), { spacing: "small" })),
      ...view.signed.map((line) => ac.subtle(line)),
      ac.text(view.status, { isSubtle: true }),
    ],
    view.canSign
      ? [ac.execute(view.signLabel ?? SIGN, "statement.sign", key(view), { style: "positive" })]
      : [],
  );
}

export function expertStatementBlocks(view: ExpertStatementCardView): KnownBlock[] {
  return [
    sk.header(heading(view)),
    sk.section(
      `*Expert witness:* ${sk.esc(`${view.witnessName}, ${view.position}`)}\n*Candidate:* ${sk.esc(view.candidateName)}\n*When:* ${sk.esc(view.when)}`,
    ),
    sk.quoteBlock(truncate(view.text, 2500)),
    sk.section(
      truncate(
        `*Against*\n${view.criteria
          .slice(0, 12)
          .map((c) => `• ${sk.esc(c)}`)
          .join("\n")}`,
        2900,
      ),
    ),
    sk.section(sk.esc([...view.signed, view.status].join("\n"))),
    ...(view.canSign
      ? [sk.actions([sk.button(view.signLabel ?? SIGN, "statement.sign", key(view), { style: "primary" })])]
      : []),
  ];
}
