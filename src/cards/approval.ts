// The approval card: an assessor decides each claim; once decided, every copy shows the outcome and who decided.

import type { KnownBlock } from "@slack/types";
import { INPUT } from "./actions.ts";
import * as ac from "./adaptive.ts";
import { filesBlocks, filesElements } from "./files.ts";
import {
  accountBlocks,
  accountElement,
  byUnit,
  claimOutcomeBlock,
  claimOutcomeElements,
  claimTitle,
  testimonyBlocks,
  testimonyElement,
  unitHeading,
  unitsLine,
} from "./parts.ts";
import * as sk from "./slack.ts";
import { firstName, formatWhen, plural, quote, sourceWords, truncate } from "./text.ts";
import type { ApprovalClaimView, ApprovalView } from "./views.ts";

/** By density: claims, characters of each sentence, of the account and of a testimony, and testimonies shown. */
const LIMITS = [
  { claims: 30, quote: 300, account: 2500, testimony: 1200, testimonies: 3 },
  { claims: 20, quote: 160, account: 1500, testimony: 600, testimonies: 3 },
  { claims: 12, quote: 100, account: 800, testimony: 300, testimonies: 2 },
  { claims: 8, quote: 60, account: 400, testimony: 200, testimonies: 1 },
] as const;
type Limits = (typeof LIMITS)[number];

const title = (view: ApprovalView): string =>
  `${view.ref ? `Evidence ${view.ref}` : "Evidence"} from ${view.candidateName}`;
const subtitle = (view: ApprovalView): string =>
  `Submitted ${formatWhen(view.submittedAt)} · ${unitsLine(view.units)} · ${sourceWords(view.source)}`;

/** The mark an expert witness's testimony carries on the evidence card. */
const expertWords = (expert: NonNullable<ApprovalView["expert"]>) =>
  `${expert.line}${expert.signed ? "" : " (not yet signed by the expert)"}`;

/** "Assessed by Priya Shah on Sat 14 Dec 2025, 14:05", or the referral equivalent. */
export function decisionWords(view: ApprovalView): string | null {
  const d = view.decided;
  if (!d) return null;
  const accepted = view.claims.filter((c) => c.decision === "accepted").length;
  return d.outcome === "assessed"
    ? `Assessed by ${d.byName} on ${formatWhen(d.at)}: ${accepted} of ${plural(view.claims.length, "claim")} accepted.`
    : `Referred back to ${firstName(view.candidateName)} by ${d.byName} on ${formatWhen(d.at)}.`;
}

const leftOutWords = (n: number): string =>
  `${plural(n, "more claim")} not shown here. Accept all covers them; to decide them one by one, use the assessor page.`;

/** Button words short enough to read in full side by side on a 390-pixel phone. */
const ACCEPT_ALL = "Accept all";
const SUBMIT = "Submit";
const REFER = "Refer back";
const BACK = "Back to my queue";

const commentLabel = (view: ApprovalView): string =>
  `Comment for ${firstName(view.candidateName)} (needed to refer back, or to say why a claim is rejected)`;

/** A claim's stored decision as the card's choice, or nothing when it is still to decide. */
const choiceOf = (claim: ApprovalClaimView): "accept" | "reject" | undefined =>
  claim.decision === "accepted" ? "accept" : claim.decision === "rejected" ? "reject" : undefined;

/**
 * One claim to decide, stacked so it reads on a phone: its title and sentence, the choice (nothing chosen until the
 * assessor chooses, as on the web form) and the reason the candidate reads if it is rejected.
 */
function openClaim(claim: ApprovalClaimView, max: number): ac.Element {
  const choice = choiceOf(claim);
  return ac.container(
    [
      ac.text(claimTitle(claim), { size: "small" }),
      ac.quoted(quote(claim.support, max)),
      {
        type: "Input.ChoiceSet",
        id: INPUT.decision(claim.claimId),
        placeholder: "Choose Accept or Reject",
        choices: [
          { title: "Accept", value: "accept" },
          { title: "Reject", value: "reject" },
        ],
        ...(choice ? { value: choice } : {}),
        spacing: "small",
      },
      {
        type: "Input.Text",
        id: INPUT.claimComment(claim.ref),
        placeholder: "If you reject it: why (the candidate reads this)",
        maxLength: 500,
        ...(claim.comment ? { value: claim.comment } : {}),
        spacing: "small",
      },
    ],
    { spacing: "medium" },
  );
}

/** Adaptive Card for the assessor; with `view.decided` it shows the outcome and has no inputs or actions. */
export function approvalCard(view: ApprovalView): ac.AdaptiveCard {
  return ac.fitCard((density) => buildCard(view, LIMITS[density]));
}

function buildCard(view: ApprovalView, limits: Limits): ac.AdaptiveCard {
  const body: ac.Element[] = [ac.heading(title(view)), ac.subtle(subtitle(view))];
  // On a row of its own, under the title, so the decision buttons keep their room on a phone.
  const top = [
    ...(view.back ? [ac.execute(BACK, "queue.show", view)] : []),
    ...(view.link ? [ac.openUrl(view.link.label, view.link.url)] : []),
  ];
  if (top.length) body.push(ac.actionSet(top));
  if (view.expert) body.push(ac.text(expertWords(view.expert), { weight: "bolder", color: "accent" }));
  const decided = decisionWords(view);
  if (decided) {
    const items: ac.Element[] = [ac.text(decided, { weight: "bolder" })];
    if (view.decided?.comment)
      items.push(ac.userText(`Comment: ${truncate(view.decided.comment, limits.account)}`));
    body.push(
      ac.container(items, {
        style: view.decided?.outcome === "assessed" ? "good" : "warning",
        spacing: "medium",
      }),
    );
  }
  body.push(
    ac.text("Account", { weight: "bolder", spacing: "medium" }),
    accountElement(view.text, limits.account),
    ...filesElements(view.files),
  );
  for (const t of view.testimonies.slice(0, limits.testimonies))
    body.push(testimonyElement(t, limits.testimony));

  const shown = view.claims.slice(0, limits.claims);
  body.push(
    ac.text(decided ? "Claims" : "Claims: choose Accept or Reject for each", {
      weight: "bolder",
      spacing: "large",
    }),
  );
  for (const [unit, claims] of byUnit(shown, view.units)) {
    const items: ac.Element[] = [ac.text(unitHeading(unit), { weight: "bolder", size: "small" })];
    for (const claim of claims)
      items.push(...(decided ? claimOutcomeElements(claim, limits.quote) : [openClaim(claim, limits.quote)]));
    body.push(ac.container(items, { separator: true, spacing: "medium" }));
  }
  if (view.claims.length > shown.length)
    body.push(ac.subtle(leftOutWords(view.claims.length - shown.length)));
  if (decided) return ac.card(body, [], view);

  body.push({
    type: "Input.Text",
    id: INPUT.comment,
    label: commentLabel(view),
    isMultiline: true,
    maxLength: 2000,
    spacing: "large",
  });
  return ac.card(
    body,
    [
      ac.execute(ACCEPT_ALL, "evidence.approve_all", view, { style: "positive" }),
      ac.execute(SUBMIT, "evidence.decide", view),
      ac.execute(REFER, "evidence.refer", view),
    ],
    view,
  );
}

function claimBlock(claim: ApprovalClaimView, open: boolean): KnownBlock {
  const words = `*${sk.esc(claimTitle(claim))}*\n_${sk.esc(quote(claim.support, 600))}_`;
  if (!open) {
    return claimOutcomeBlock(claim);
  }
  const accept = sk.option("Accept", "accept");
  const reject = sk.option("Reject", "reject");
  const choice = choiceOf(claim);
  return sk.section(
    words,
    {
      type: "static_select",
      action_id: sk.inputAction(INPUT.decision(claim.claimId)),
      placeholder: sk.plain("Choose", 150),
      options: [accept, reject],
      // Nothing chosen until the assessor chooses: Submit with a claim undecided says which.
      ...(choice ? { initial_option: choice === "reject" ? reject : accept } : {}),
    },
    INPUT.decision(claim.claimId),
  );
}

/** Block Kit for the assessor; with `view.decided` it shows the outcome and has no inputs or buttons. */
export function approvalBlocks(view: ApprovalView): KnownBlock[] {
  const decided = decisionWords(view);
  const head: KnownBlock[] = [sk.header(title(view)), sk.context(sk.esc(subtitle(view)))];
  const top = [
    ...(view.back ? [sk.button(BACK, "queue.show", view)] : []),
    ...(view.link ? [sk.linkButton(view.link.label, view.link.url)] : []),
  ];
  if (top.length) head.push(sk.actions(top));
  if (view.expert) head.push(sk.section(`:mortar_board: *${sk.esc(expertWords(view.expert))}*`));
  if (decided) {
    const comment = view.decided?.comment ? `\nComment: ${sk.esc(truncate(view.decided.comment, 2000))}` : "";
    head.push(
      sk.section(
        `${view.decided?.outcome === "assessed" ? ":white_check_mark:" : ":leftwards_arrow_with_hook:"} *${sk.esc(decided)}*${comment}`,
      ),
    );
  }
  head.push(sk.section("*Account*"), ...accountBlocks(view.text, 2500), ...filesBlocks(view.files));
  for (const t of view.testimonies.slice(0, 3)) head.push(...testimonyBlocks(t));
  head.push(sk.section(decided ? "*Claims*" : "*Claims:* choose Accept or Reject for each"));

  const body: KnownBlock[][] = [];
  for (const [unit, claims] of byUnit(view.claims, view.units)) {
    claims.forEach((claim, n) => {
      const group = [claimBlock(claim, !decided)];
      body.push(n === 0 ? [sk.context(`*${sk.esc(unitHeading(unit))}*`), ...group] : group);
    });
  }
  const tail: KnownBlock[] = decided
    ? []
    : [
        sk.input(
          INPUT.comment,
          commentLabel(view),
          {
            type: "plain_text_input",
            action_id: sk.inputAction(INPUT.comment),
            multiline: true,
            max_length: 2000,
          },
          { optional: true },
        ),
        sk.actions([
          sk.button(ACCEPT_ALL, "evidence.approve_all", view, { style: "primary" }),
          sk.button(SUBMIT, "evidence.decide", view),
          sk.button(REFER, "evidence.refer", view),
        ]),
      ];
  return sk.fitBlocks(head, body, tail, (n) => sk.esc(leftOutWords(n)));
}
