// What the bot does with a typed message or a voice note: commands, witness requests, and accounts to map.
import { AppError } from "../core/errors.ts";
import type { PersonRecord } from "../core/types.ts";
import { nextPlanLine, recordInChat } from "./assessor-records.ts";
import { readIntent } from "./intents.ts";
import { card, say } from "./reply.ts";
import type { Turn } from "./turn.ts";
import type { BotReply, IncomingFile } from "./types.ts";
import { coverageView, queueView, sampleListView, suggestionView } from "./views.ts";

const AUDIO = /\.(m4a|aac|mp3|ogg|oga|opus|webm|wav|mp4)$/i;
const isAudio = (file: IncomingFile) => file.mimeType?.startsWith("audio/") || AUDIO.test(file.name);
const firstName = (person: PersonRecord) => person.name.split(/\s+/)[0] ?? person.name;

/** Handles a message that is not a card action. */
export async function handleText(turn: Turn): Promise<BotReply[]> {
  const audio = turn.command.files?.find(isAudio);
  if (audio) return voiceNote(turn, audio);
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
    case "witness_request":
      return askWitness(turn, intent.who);
    case "assessor_record":
      // an assessor's record of a candidate; anyone else who writes "observed …" is telling their own account
      if (turn.person.roles.includes("assessor")) return recordInChat(turn, intent.method, intent.rest);
      return account(turn, turn.command.text);
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
      "Type progress to see what you have covered and what to aim for next.",
      "Type ask <name or email> to witness, to ask a team leader to back up your latest account.",
    );
  if (person.roles.includes("assessor"))
    lines.push(
      "Type queue to see the evidence waiting for your decision.",
      'Type or say "observed <candidate>: what you saw" to record an observation, or "discussed with <candidate>: …" for a professional discussion; you sign it, then they confirm it.',
    );
  if (person.roles.includes("internal_verifier"))
    lines.push("Type sample to see assessed evidence you can sample.");
  if (person.roles.includes("witness") && !person.roles.includes("candidate"))
    lines.push(
      "When a candidate asks you to witness, their account arrives here with a short form to confirm it.",
    );
  if (!lines.length) lines.push("Your account has no role yet. Ask your centre admin to set you up.");
  return lines.join("\n");
}

async function voiceNote(turn: Turn, file: IncomingFile): Promise<BotReply[]> {
  if (!turn.deps.transcribe)
    throw new AppError(
      "unavailable",
      "Voice notes are not set up here yet, so I couldn't listen to that. Please type your account instead.",
    );
  const transcript = await turn.deps.transcribe(file);
  if (!transcript.text.trim())
    throw new AppError(
      "bad_input",
      "I couldn't make out any words in that voice note. Try again somewhere quieter, or type your account.",
    );
  const voice = {
    engine: transcript.engine,
    ...(transcript.audioPath ? { audioPath: transcript.audioPath } : {}),
  };
  const spoken = readIntent(transcript.text);
  if (spoken.kind === "assessor_record" && turn.person.roles.includes("assessor"))
    return recordInChat(turn, spoken.method, spoken.rest, voice);
  return account(turn, transcript.text, voice);
}

async function account(
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
      return [
        say(
          `${(filed.reason ?? "That doesn’t read like an account of a customer interaction").replace(/[.!]+$/, "")}, so I haven't filed anything. To log evidence, tell me what happened with a customer: what they needed, what you did and how it ended. Type help for more.`,
        ),
      ];
    case "drafted": {
      const evidence = filed.draft;
      const view = suggestionView(portfolio.catalogue, evidence, {
        privacy: filed.privacy,
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
  if (!person.roles.includes("candidate"))
    return [say("Progress is kept for candidates. Type help to see what you can do.")];
  const coverage = await portfolio.progress({ actor: { personId: person.id }, candidateId: person.id });
  if (!coverage.length)
    return [say("You're not enrolled on a qualification yet. Ask your centre admin to enrol you.")];
  const work = await portfolio.work({ actorId: person.id });
  const waiting = work.own.filter((e) => e.status === "submitted").length;
  const next = await nextPlanLine(portfolio, person.id);
  return [
    ...coverage.map((c) =>
      card({ kind: "coverage", view: coverageView(portfolio.catalogue, person, c, waiting) }),
    ),
    ...(next ? [say(next)] : []),
  ];
}

async function queue(turn: Turn): Promise<BotReply[]> {
  if (!turn.person.roles.includes("assessor"))
    return [say("The queue is for assessors. Type help to see what you can do.")];
  const work = await turn.portfolio.work({ actorId: turn.person.id });
  if (!work.toAssess.length)
    return [say("Nothing is waiting for you. I'll message you when a candidate submits evidence.")];
  const { records: list, names } = await turn.portfolio.withNames(work.toAssess.map((h) => h.id));
  const link = turn.deps.portfolioLink?.(turn.person.id, "/pages/queue");
  return [
    card({ kind: "queue", view: queueView(list, names) }),
    ...(link ? [say(`Open the queue at your desk (the link works once, for 30 minutes): ${link}`)] : []),
  ];
}

async function sample(turn: Turn): Promise<BotReply[]> {
  if (!turn.person.roles.includes("internal_verifier"))
    return [say("Sampling is for internal verifiers. Type help to see what you can do.")];
  const work = await turn.portfolio.work({ actorId: turn.person.id });
  if (!work.toSample.length) return [say("There is no assessed evidence to sample in your centre yet.")];
  const { records: list, names } = await turn.portfolio.withNames(work.toSample.map((h) => h.id));
  return [card({ kind: "sampleList", view: sampleListView(turn.portfolio.catalogue, list, names) })];
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
