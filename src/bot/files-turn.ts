// Photos and documents sent to the bot: fetched through the channel (its download policy), kept with the evidence.
import { AppError } from "../core/errors.ts";
import { checkEvidenceFile, type FileToAttach } from "../portfolio/index.ts";
import { say } from "./reply.ts";
import type { Turn } from "./turn.ts";
import type { BotReply, IncomingFile } from "./types.ts";

/** The files of a message other than audio (a voice note, handled apart): photos and documents, or a type refused. */
export const documentsOf = (files: readonly IncomingFile[] | undefined): IncomingFile[] =>
  (files ?? []).filter((f) => !f.mimeType?.startsWith("audio/"));

/**
 * With words: files the account (`fileText`) and keeps the files with the draft it made. Without: adds them to the
 * candidate's latest draft, or asks for the account to go with them.
 */
export async function handleDocuments(
  turn: Turn,
  documents: readonly IncomingFile[],
  fileText: (text: string) => Promise<BotReply[]>,
): Promise<BotReply[]> {
  const files = await fetchAll(documents);
  const text = turn.command.text.trim();
  const actorId = turn.person.id;
  const names = files.map((f) => f.name).join(", ");
  if (text) {
    const replies = await fileText(text);
    const evidenceId = replies.find((r) => r.card?.about)?.card?.about?.evidenceId;
    if (!evidenceId) return [...replies, say(`I haven't kept ${names}, as nothing was filed.`)];
    const attached = await turn.portfolio.attachFiles({ actorId, evidenceId, files });
    return [
      ...replies,
      say(`I've kept ${names} with ${attached?.ref ?? "it"}. It shows on the evidence page.`),
    ];
  }
  const attached = await turn.portfolio.attachFiles({ actorId, files });
  if (!attached)
    return [
      say(
        `I can only keep ${names} with an account of what happened. Send it again with a few words about the customer and what you did.`,
      ),
    ];
  return [
    say(
      `I've added ${names} to ${attached.ref}, your latest draft. Submit it from its card when you're ready, or send a new account with the file to start another piece of evidence.`,
    ),
  ];
}

/** Fetches each file; its type is checked before the download and its size after (the channel caps it too). */
async function fetchAll(documents: readonly IncomingFile[]): Promise<FileToAttach[]> {
  const files: FileToAttach[] = [];
  for (const file of documents) {
    checkEvidenceFile(file.name, file.mimeType, 1);
    const bytes = file.bytes ?? (file.fetch ? await file.fetch() : undefined);
    if (!bytes) throw new AppError("unavailable", `I couldn't fetch "${file.name}". Please send it again.`);
    checkEvidenceFile(file.name, file.mimeType, bytes.byteLength);
    files.push({ name: file.name, ...(file.mimeType ? { mimeType: file.mimeType } : {}), bytes });
  }
  return files;
}
