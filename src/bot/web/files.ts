// The playground's "Photo or file" upload: the request's bytes, name and words as one message with a file.
import type { Request } from "express";
import { MAX_EVIDENCE_FILE_BYTES } from "../../portfolio/index.ts";
import type { IncomingFile } from "../types.ts";

/** The body limit of an upload: a little over the evidence limit, so a large file gets the rule's own reply. */
export const UPLOAD_LIMIT_BYTES = MAX_EVIDENCE_FILE_BYTES + 1024 * 1024;

/** The uploaded file and the words typed with it, or the reason there is none. */
export function playgroundUpload(req: Request): { file: IncomingFile; text: string } | { error: string } {
  const bytes = req.body instanceof Buffer ? new Uint8Array(req.body) : new Uint8Array();
  if (!bytes.length) return { error: "The file was empty. Choose it again." };
  const name =
    typeof req.query.name === "string" && req.query.name.trim() ? req.query.name.slice(0, 120) : "file";
  const type = req.get("content-type");
  const text = typeof req.query.text === "string" ? req.query.text.slice(0, 20_000) : "";
  return { file: { name, ...(type ? { mimeType: type } : {}), bytes }, text };
}
