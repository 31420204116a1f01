// What the bot does with a typed message or a voice note: commands, witness requests, and accounts to map.
import { AppError } from "../core/errors.ts";
import type { PersonRecord } from "../core/types.ts";
import { ACCOUNT_ASK, asksForAccount } from "../mapping/types.ts";
import { nextPlanLine, recordInChat } from "./assessor-records.ts";
import { feedbackInChat } from "./feedback-chat.ts";
import { documentsOf, handleDocuments } from "./files-turn.ts";
import { readIntent } from "./intents.ts";
import { openEvidence } from "./open-evidence.ts";
import { candidatePages, pageLink } from "./page-links.ts";
import { planInChat } from "./plans-chat.ts";
import { queue } from "./queue.ts";
import { recentEvidence } from "./recent-evidence.ts";
import { card, say } from "./reply.ts";
import { signIn } from "./sign-in.ts";
import { statementInChat } from "./statements-chat.ts";
import type { Turn } from "./turn.ts";
import type { BotReply, IncomingFile } from "./types.ts";
import { coverageView, sampleListView, suggestionView } from "./views.ts";

const AUDIO = /\.(m4a|aac|mp3|ogg|oga|opus|webm|wav|mp4)$/i;
const isAudio = (file: IncomingFile) => file.mimeType?.startsWith("audio/") || AUDIO.test(file.name);
const firstName = (person: PersonRecord) => person.name.split(/\s+/)[0] ?? person.name;

/** Handles a message that is not a card action. */
export async function handleText(turn: Turn): Promise<BotReply[]> {
  const audio = turn.command.files?.find(isAudio);
  if (audio) return voiceNote(turn, audio);
  const documents = documentsOf(turn.command.files);
  if (documents.length) return handleDocuments(turn, documents, (text) => account(turn, text));
  // "@Tom can you witness this?" in a channel: the mention names the witness, whatever the wording.
  const mentioned = turn.command.mentions?.[0];
  if (mentioned && /\bwitness|testimony\b/i.test(turn.command.text))
    return askWitness(turn, mentioned.displayName ?? mentioned.email ?? "the person you mentioned");
  const intent = readIntent(turn.command.text);
  switch (intent.kind) {
    case "help":
      return [say(helpFor(turn.person))];
    case "greeting":
      return [say(`Hello ${firstName(turn.person)}! ${helpFor(turn.person)}`)];
    case "thanks":
      return [say("You're welcome. Tell me about your next customer whenever you're ready.")];
    case "progress":
      return progress(turn);
    case "queue":
      return queue(turn);
    case "sample":
      return sample(turn);
    case "sign_in":
      return signIn(turn);
    case "recent":
      return recentEvidence(turn);
    case "witness_request":
      return askWitness(turn, intent.who);
    case "open_evidence":
      return openEvidence(turn, intent.ref);
    case "assessor_record":
      // an assessor's record of a candidate; anyone else who writes "observed …" is telling their own account
      if (turn.person.roles.includes("assessor")) return recordInChat(turn, intent.method, intent.rest);
      return account(turn, turn.command.text);
    case "action_plan":
    case "feedback":
      // the assessor's plan or feedback for a candidate; from anyone else these words are an account like any other
      if (!turn.person.roles.includes("assessor")) return account(turn, turn.command.text);
      return intent.kind === "action_plan"
        ? planInChat(turn, intent.rest)
        : feedbackInChat(turn, intent.rest);
    case "expert_statement":
      // the candidate's assessor for a named expert, or an expert witness for themselves (the use case checks both)
      if (turn.person.roles.includes("candidate") && !turn.person.roles.includes("assessor"))
        return account(turn, turn.command.text);
      return statementInChat(turn, intent.rest);
    case "account":
      return account(turn, intent.text);
  }
}

/** What each role can do, in a few lines. */
export function helpFor(person: PersonRecord): string {
  const lines: string[] = [];
  if (person.roles.includes("candidate"))
    lines.push(
      "Tell me about a customer you helped today, in your own words or as a voice note, and I'll suggest which standards it covers.",
      "Type progress to see what you have covered and what to aim for next, and recent for your last five pieces of evidence.",
      "To have a team leader back up your latest account, ask them by name or email, for example: ask Tom Reid to witness.",
      "Type a number such as E2 to open that piece of evidence again, to change it or see what happened to it.",
    );
  if (person.roles.includes("assessor"))
    lines.push(
      "Type queue to see the evidence waiting for your decision.",
      'Type or say "observed <candidate>: what you saw" to record an observation, or "discussed with <candidate>: …" for a professional discussion; you sign it, then they confirm it.',
      'Type "plan for <candidate>" (or "plan <candidate> 201 Friday 10:00 at the Leeds store") for an assessment action plan: you sign it by sending the form, then they sign it.',
      'Type "feedback for <candidate> on E6: what you think. Outcome: …" (or "on unit 201") to give feedback; they read it here, can reply, and sign it.',
      'Type "expert statement for <candidate> on E6 from <expert witness>: what they observed. Criteria: 205.1.3, 205.2.4" to attach an expert witness statement; the expert is asked to sign it.',
    );
  if (person.roles.includes("internal_verifier"))
    lines.push("Type sample to see assessed evidence you can sample.");
  if (person.roles.includes("witness") && !person.roles.includes("candidate"))
    lines.push(
      "When a candidate asks you to witness, their account arrives here with a short form to confirm it.",
      'If the centre has recorded you as an expert witness, type "expert statement for <candidate> on E6: what you observed. Criteria: …" to attach your signed statement to their evidence.',
    );
  if (person.roles.includes("admin"))
    lines.push(
      "You're a centre admin: on the server, npx shiftnote admin adds people, enrols candidates, chooses their assessor, links their Teams or Slack accounts, exports a portfolio and erases a person on request.",
      "npx shiftnote export prints the recording forms as PDF. Run npx shiftnote admin on its own to see every command.",
    );
  if (lines.length > 0)
    lines.push(
      "Type link for a sign-in link to your own pages (in Teams, to the app's My portfolio tab too).",
    );
  else lines.push("Your account has no role yet. Ask your centre admin to set you up.");
  return lines.join("\n");
}

async function voiceNote(turn: Turn, file: IncomingFile): Promise<BotReply[]> {
  if (!turn.deps.transcribe)
    throw new AppError(
      "unavailable",
      "Voice notes are not set up here yet, so I couldn't listen to that and nothing was filed. Please type your account instead; your centre admin can switch voice notes on by setting OPENAI_API_KEY or SHIFTNOTE_WHISPER_MODEL.",
    );
  const transcript = await turn.deps.transcribe(file);
  let kept = false;
  try {
    if (!transcript.text.trim())
      throw new AppError(
        "bad_input",
        "I couldn't make out any words in that voice note, so nothing was filed and the recording wasn't kept. Try again somewhere quieter, or type your account.",
      );
    const voice = {
      engine: transcript.engine,
      ...(transcript.audioPath ? { audioPath: transcript.audioPath } : {}),
    };
    const spoken = readIntent(transcript.text);
    const replies =
      spoken.kind === "assessor_record" && turn.person.roles.includes("assessor")
        ? await recordInChat(turn, spoken.method, spoken.rest, voice)
        : await account(turn, transcript.text, voice);
    kept = filedDraft(replies);
    return replies;
  } finally {
    // A recording that no evidence holds is not kept: nobody could reach it, erase it or use it.
    if (!kept) await transcript.discard?.();
  }
}

/** True when the account's replies carry the new draft's card (only then does evidence hold the recording). */
const filedDraft = (replies: BotReply[]) => replies.some((r) => r.card?.about);

export async function account(
  turn: Turn,
  text: string,
  voice?: { engine: string; audioPath?: string },
): Promise<BotReply[]> {
  const { portfolio, person, command } = turn;
  const filed = await portfolio.fileAccount({ person, text, eventId: command.eventId, voice });
  switch (filed.kind) {
    case "not_candidate":
      return [
        say(
          `That reads like an account, but only candidates file evidence. ${filed.witness ? "To back up a candidate's account, answer the witness card they sent you. " : ""}Type help to see what you can do.`,
        ),
      ];
    case "not_enrolled":
      return [
        say(
          "You're not enrolled on a qualification yet, so there is nowhere to file this. Ask your centre admin to enrol you.",
        ),
      ];
    case "not_evidence":
      return [say(notEvidenceWords(filed.reason))];
    case "drafted": {
      const evidence = filed.draft;
      const view = suggestionView(portfolio.catalogue, evidence, {
        privacy: filed.privacy,
        mapper: filed.mapper,
        ...(voice ? { voiceEngine: voice.engine } : {}),
      });
      const intro = evidence.activeClaims.length
        ? `Here is what I think ${evidence.ref} shows. Untick anything that isn't right, then press Submit.`
        : `I've saved ${evidence.ref} as a draft, but I couldn't match it to the standards of your units. Add more about what you did and why, with Edit text.`;
      return [card({ kind: "suggestion", view }, { text: intro })];
    }
  }
}

async function progress(turn: Turn): Promise<BotReply[]> {
  const { portfolio, person } = turn;
  if (!person.roles.includes("candidate")) return staffProgress(turn);
  const coverage = await portfolio.progress({ actor: { personId: person.id }, candidateId: person.id });
  if (!coverage.length)
    return [say("You're not enrolled on a qualification yet. Ask your centre admin to enrol you.")];
  const work = await portfolio.work({ actorId: person.id });
  const waiting = work.own.filter((e) => e.status === "submitted").length;
  const referred = work.own.filter((e) => e.status === "referred").map((e) => e.ref);
  const link = pageLink(turn, person.id, candidatePages(person.id), "Open my portfolio");
  const cards = coverage.map((c) =>
    card({
      kind: "coverage",
      view: {
        ...coverageView(portfolio.catalogue, person, c, waiting),
        ...(referred.length ? { referred } : {}),
        ...(link ? { link } : {}),
      },
    }),
  );
  const next = await nextPlanLine(portfolio, person.id);
  if (next) cards.push(say(next));
  return cards;
}

/** Progress for an assessor or a verifier: what is waiting for them, with a button to their pages. */
async function staffProgress(turn: Turn): Promise<BotReply[]> {
  const { person } = turn;
  if (person.roles.includes("assessor")) return queue(turn);
  if (person.roles.includes("internal_verifier")) return sample(turn);
  return [say("Progress is kept for candidates. Type help to see what you can do.")];
}

async function sample(turn: Turn): Promise<BotReply[]> {
  if (!turn.person.roles.includes("internal_verifier"))
    return [say("Sampling is for internal verifiers. Type help to see what you can do.")];
  const work = await turn.portfolio.work({ actorId: turn.person.id });
  const link = pageLink(turn, turn.person.id, "/pages/verify", "Open sampling");
  const button = link
    ? [
        card({
          kind: "message",
          view: { text: "Sampling, with every assessor's decisions, is on your pages.", link },
        }),
      ]
    : [];
  if (!work.toSample.length)
    return [
      say(
        "Nothing assessed is waiting to be sampled: everything your centre's assessors have decided is countersigned.",
      ),
      ...button,
    ];
  const { records: list, names } = await turn.portfolio.withNames(work.toSample.map((h) => h.id));
  return [
    card({ kind: "sampleList", view: sampleListView(turn.portfolio.catalogue, list, names) }),
    ...button,
  ];
}

async function askWitness(turn: Turn, who: string): Promise<BotReply[]> {
  const { portfolio, person, command } = turn;
  const asked = await portfolio.askWitness({
    person,
    who,
    mention: command.mentions?.[0],
    eventId: command.eventId,
  });
  switch (asked.kind) {
    case "unknown_witness":
      return [
        say(
          `I can't find "${who}" in your centre. Use their full name or email address, or ask your centre admin to add them.`,
        ),
      ];
    case "nothing_to_witness":
      return [
        say(
          "You have no draft or submitted evidence to witness. Tell me about a customer first, then ask again.",
        ),
      ];
    case "asked":
      return [
        say(`I've asked ${asked.witness.name} to witness ${asked.ref}. I'll tell you when they reply.`),
      ];
  }
}

/** Not evidence, said kindly: why, that nothing was filed, and what an account needs (said once). */
function notEvidenceWords(reason: string | undefined): string {
  const why = (reason ?? "That doesn’t read like an account of a customer interaction").trim();
  // The mapper's reason already asks for the account: nothing filed is said first, not tacked onto the ask.
  if (asksForAccount(why)) return `I haven't filed anything. ${why} Type help for more.`;
  return `${why.replace(/[.!]+$/, "")}, so I haven't filed anything. To log evidence: ${ACCOUNT_ASK} Type help for more.`;
}
