// Use case: a data-protection erasure: the person's details, the words and traces of their evidence and its files are removed; the trail keeps that it happened.
import { AppError } from "../core/errors.ts";
import { authoriseAdmin } from "./admin-access.ts";
import type { Actor, PortfolioContext } from "./context.ts";
import { personNotFound } from "./errors.ts";
import { notifySafely } from "./notify.ts";

export const ERASED_TEXT = "[erased at the person's request]";

/** The files evidence keeps on disk (under SHIFTNOTE_FILES_DIR: recordings, photos, documents), as erasure needs them. */
export interface EvidenceFiles {
  /** Deletes these files (keys relative to the files folder; none outside it); answers how many were there. */
  remove(keys: string[]): Promise<number>;
  /** Deletes every other file in the folder (such as an export written there) that holds any of these words. */
  sweep(words: string[]): Promise<number>;
}

export interface Erasure {
  personId: string;
  identitiesRemoved: number;
  evidenceErased: number;
  /** Recordings and other files removed from disk. */
  filesRemoved: number;
  /** False when the database could not yet drop the old row versions from its files (it says why in `afterwards`). */
  compacted: boolean;
  /** What did not finish after the erasure was committed, in words for the admin; empty when everything did. */
  afterwards: string[];
}

/**
 * Anonymises the person (name, email, job title, roles, chat identities, card copies, inbox, where the bot could
 * reach them) and erases their evidence: the words of every version, the supporting sentences, decision, sample
 * and claim comments, the testimony, the notifications and card copies of it, the recordings on disk; other
 * people's inbox rows that mention them, and their name in anyone's decision, sample and claim comments. Then
 * the database rewrites its files so the old row versions go too. Decisions (accepted, rejected) and the audit
 * trail stay, with ids only. Testimony the person gave about someone else's evidence stays as part of that evidence.
 */
export async function erasePerson(
  ctx: PortfolioContext,
  input: { actor: Actor; personId: string },
): Promise<Erasure> {
  // load and authorise: an admin of the person's centre, or the command line
  const person = await ctx.store.people.byId(input.personId);
  if (!person) throw personNotFound();
  const auditActor = await authoriseAdmin(ctx, input.actor, person.centreId, "that person");
  if ("personId" in auditActor && auditActor.personId === person.id)
    throw new AppError("bad_input", "Ask another admin of your centre to erase your own data.");
  // check the status
  if (person.erased)
    throw new AppError(
      "forbidden_state",
      "That person's data has already been erased; there is nothing left to remove.",
    );

  // one transaction: anonymise, erase the words and their traces, record that it happened
  const at = ctx.now();
  const evidenceIds = (await ctx.store.evidence.ofCandidate(person.id)).map((e) => e.id);
  const files = await ctx.store.erasure.filesOf(person.id);
  const fileKeys: string[] = [];
  const erasure = await ctx.store.transaction(async (tx) => {
    await tx.erasure.redactTraces(
      { personId: person.id, name: person.name, email: person.email, placeholder: ERASED_TEXT },
      evidenceIds,
    );
    const { identitiesRemoved } = await tx.people.anonymise(person.id, at);
    // Which chat messages showed them which evidence: kept only to redraw those cards.
    await tx.cardCopies.forget(person.id);
    // where the bot could reach them, and messages waiting for them in the playground
    await tx.channelState.forget(person.id);
    await tx.outbox.forget(person.id);
    const evidenceErased = await tx.evidence.eraseWordsOf(person.id, ERASED_TEXT);
    fileKeys.push(...(await tx.evidenceFiles.forgetCandidate(person.id)));
    await tx.audit.append({
      actor: auditActor,
      action: "person.erased",
      entityType: "person",
      entityId: person.id,
      centreId: person.centreId,
      data: { identitiesRemoved, evidenceErased, reason: "data_protection_request" },
    });
    return { personId: person.id, identitiesRemoved, evidenceErased };
  });

  // Committed: what follows is cleaning up, and a failure there is reported as such, never as "nothing changed".
  const afterwards: string[] = [];
  let filesRemoved = 0;
  if (ctx.files) {
    try {
      // the photos and documents, once the rows naming them are gone (content is kept once: only unused keys)
      const unused: string[] = [];
      for (const key of new Set(fileKeys))
        if (!(await ctx.store.evidenceFiles.keyInUse(key))) unused.push(key);
      filesRemoved += await ctx.files.remove([...files, ...unused]);
      filesRemoved += await ctx.files.sweep([person.name, person.email, person.id]);
    } catch (error) {
      afterwards.push(`Some files could not be deleted (${(error as Error).message}); delete them by hand.`);
    }
  } else if (files.length + fileKeys.length > 0) {
    afterwards.push(
      `${files.length + new Set(fileKeys).size} file(s) stay on disk: this process was not given the files folder.`,
    );
  }
  let compacted = false;
  try {
    await ctx.store.compact();
    compacted = true;
  } catch (error) {
    afterwards.push(
      `The database has not yet rewritten its files (${(error as Error).message}); run the erasure's VACUUM FULL again later.`,
    );
  }

  await notifySafely(ctx.notify, { type: "person.erased", personId: person.id });
  return { ...erasure, filesRemoved, compacted, afterwards };
}
