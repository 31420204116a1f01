// The assessor's observation or discussion record as a card: what was seen, the claims, who signed, and Sign or Confirm.

import type { KnownBlock } from "@slack/types";
import { INPUT } from "./actions.ts";
import * as ac from "./adaptive.ts";
import * as sk from "./slack.ts";
import { truncate } from "./text.ts";

/** One record of the assessor's own evidence, as the person looking at it may act on it. */
export interface AssessorRecordView {
  evidenceId: string;
  version: number;
  ref: string;
  /** "Observation record", "Professional discussion record" or "Oral questioning record". */
  title: string;
  candidateName: string;
  assessorName: string;
  /** When it happened, in UK time. */
  heldAt: string;
  text: string;
  claims: Array<{ targetId: string; text: string; support: string }>;
  /** "Confirmed by … on …" for each signature given. */
  signed: string[];
  /** What this person can do now: the assessor signs, the candidate confirms; nothing once both have. */
  next: "sign" | "confirm" | "none";
  /** A line saying what happens next, in plain words. */
  status: string;
}

const CLAIMS_SHOWN = 12;

export function assessorRecordCard(view: AssessorRecordView): ac.AdaptiveCard {
  const key = { evidenceId: view.evidenceId, version: view.version };
  // while the assessor has not signed, each claim is a tick box they can clear ("Untick any standard it does not show")
  const claims = view.claims
    .slice(0, CLAIMS_SHOWN)
    .flatMap((c) => [
      view.next === "sign"
        ? ac.toggle(INPUT.claim(c.targetId), `${c.targetId} ${truncate(c.text, 200)}`, true)
        : ac.text(`**${c.targetId}** ${truncate(c.text, 200)}`, { spacing: "small" }),
      ...(c.support ? [ac.quoted(truncate(c.support, 200))] : []),
    ]);
  const actions =
    view.next === "sign"
      ? [ac.execute("Sign the record", "record.sign", key, { style: "positive" })]
      : view.next === "confirm"
        ? [ac.execute("Confirm it is right", "record.confirm", key, { style: "positive" })]
        : [];
  return ac.card(
    [
      ac.heading(`${view.title} ${view.ref}: ${view.candidateName}`),
      ac.facts([
        ["Candidate", view.candidateName],
        ["Assessor", view.assessorName],
        ["When", view.heldAt],
      ]),
      ac.userText(truncate(view.text, 3000)),
      ac.text(view.claims.length ? "Reference to standards" : "No standards matched yet", {
        weight: "bolder",
      }),
      ...claims,
      ...view.signed.map((line) => ac.subtle(line)),
      ac.text(view.status, { isSubtle: true }),
    ],
    actions,
    key,
  );
}

export function assessorRecordBlocks(view: AssessorRecordView): KnownBlock[] {
  const key = { evidenceId: view.evidenceId, version: view.version };
  const line = (c: AssessorRecordView["claims"][number]) =>
    `*${sk.esc(c.targetId)}* ${sk.esc(truncate(c.text, 200))}${c.support ? `\n_${sk.esc(truncate(c.support, 200))}_` : ""}`;
  const shown = view.claims.slice(0, CLAIMS_SHOWN);
  const claimBlocks: KnownBlock[] =
    view.next === "sign"
      ? shown.map((c) =>
          sk.section(
            line(c),
            sk.toggleAccessory(INPUT.claim(c.targetId), "Shown", true),
            INPUT.claim(c.targetId),
          ),
        )
      : shown.length
        ? [sk.section(truncate(shown.map((c) => `• ${line(c)}`).join("\n"), 2900))]
        : [];
  const button =
    view.next === "sign"
      ? sk.button("Sign the record", "record.sign", key, { style: "primary" })
      : view.next === "confirm"
        ? sk.button("Confirm it is right", "record.confirm", key, { style: "primary" })
        : undefined;
  return [
    sk.header(`${view.title} ${view.ref}: ${view.candidateName}`),
    sk.section(
      `*Candidate:* ${sk.esc(view.candidateName)}\n*Assessor:* ${sk.esc(view.assessorName)}\n*When:* ${sk.esc(view.heldAt)}`,
    ),
    sk.section(sk.esc(truncate(view.text, 2800))),
    sk.section(`*${view.claims.length ? "Reference to standards" : "No standards matched yet"}*`),
    ...claimBlocks,
    sk.section(sk.esc([...view.signed, view.status].join("\n"))),
    ...(button ? [sk.actions([button])] : []),
  ];
}
