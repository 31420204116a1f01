// Use case: a candidate adds photos or documents to their own evidence (the draft just filed, or their latest one).
import { AppError } from "../core/errors.ts";
import type { EvidenceFileRecord, NewEvidenceFile } from "../store/evidence-file-repository.ts";
import type { PortfolioContext } from "./context.ts";
import { evidenceNotFound } from "./errors.ts";
import { checkEvidenceFile, MAX_FILES_PER_MESSAGE } from "./evidence-file-rules.ts";
import { keepFile } from "./evidence-file-storage.ts";
import { loadActor } from "./load.ts";

/** A file as a channel hands it over: its name, the type the platform gave, and its bytes. */
export interface FileToAttach {
  name: string;
  mimeType?: string | undefined;
  bytes: Uint8Array;
}

export interface AttachedFiles {
  evidenceId: string;
  ref: string;
  files: EvidenceFileRecord[];
}

/** Statuses in which the candidate may still add to their evidence. */
const OPEN = new Set(["draft", "referred"]);

/**
 * Adds files to `evidenceId`, or, without one, to the candidate's most recent draft or referred evidence.
 * Answers undefined when there is no such evidence (the caller asks them to send the file with their account).
 */
export async function attachFiles(
  ctx: PortfolioContext,
  input: { actorId: string; evidenceId?: string | undefined; files: readonly FileToAttach[] },
): Promise<AttachedFiles | undefined> {
  // load and authorise: only the candidate who owns the evidence adds to it
  const actor = await loadActor(ctx, input.actorId);
  let header = input.evidenceId ? await ctx.store.evidence.header(input.evidenceId) : undefined;
  if (input.evidenceId && (!header || header.candidateId !== actor.id)) throw evidenceNotFound();
  if (!header) {
    const own = await ctx.store.evidence.ofCandidate(actor.id);
    header = own.filter((e) => OPEN.has(e.status)).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))[0];
    if (!header) return undefined;
  }
  // check the status and the files
  if (!OPEN.has(header.status))
    throw new AppError(
      "forbidden_state",
      `${header.ref} is already ${header.status}, so files can no longer be added to it. Send the file with a new account instead.`,
    );
  if (input.files.length > MAX_FILES_PER_MESSAGE)
    throw new AppError("bad_input", `Please send at most ${MAX_FILES_PER_MESSAGE} files at a time.`);
  const types = input.files.map((f) => checkEvidenceFile(f.name, f.mimeType, f.bytes.byteLength));
  if (!ctx.filesDir)
    throw new AppError(
      "unavailable",
      "Files can't be kept here yet. Please describe what the file shows instead.",
    );
  // the bytes first (named by content, so a retry writes nothing new), then one transaction with the audit event
  const kept: NewEvidenceFile[] = [];
  for (const [i, file] of input.files.entries()) {
    const type = types[i];
    if (!type) continue;
    const stored = await keepFile(ctx.filesDir, file.bytes, type.extension);
    kept.push({ name: safeName(file.name, type.extension), mimeType: type.mimeType, ...stored });
  }
  const evidence = header;
  const files = await ctx.store.transaction(async (tx) => {
    const added = await tx.evidenceFiles.add(evidence.id, kept);
    await tx.audit.append({
      actor: { personId: actor.id },
      action: "evidence.files_added",
      entityType: "evidence",
      entityId: evidence.id,
      centreId: evidence.centreId,
      data: {
        files: added.map((f) => ({ id: f.id, mimeType: f.mimeType, bytes: f.bytes, sha256: f.sha256 })),
      },
    });
    return added;
  });
  return { evidenceId: evidence.id, ref: evidence.ref, files };
}

/** A name safe to show and to offer as a download: no folders, no control characters, at most 120 characters. */
function safeName(name: string, extension: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
  const base = (name.split(/[\\/]/).pop() ?? "").replace(/[\u0000-\u001f\u007f"]/g, "").trim();
  return (base || `file.${extension}`).slice(-120);
}
