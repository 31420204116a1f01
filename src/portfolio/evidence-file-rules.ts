// The one rule for photos and documents as evidence: which types are taken, how large, and what people are told.
import { AppError } from "../core/errors.ts";

/** The largest photo or document kept as evidence. */
export const MAX_EVIDENCE_FILE_BYTES = 10 * 1024 * 1024;
/** At most this many files with one message. */
export const MAX_FILES_PER_MESSAGE = 5;

/** Accepted types by extension: photos, screenshots, PDF and Office documents. */
const TYPES: Record<string, { mime: string; image: boolean }> = {
  jpg: { mime: "image/jpeg", image: true },
  jpeg: { mime: "image/jpeg", image: true },
  png: { mime: "image/png", image: true },
  webp: { mime: "image/webp", image: true },
  heic: { mime: "image/heic", image: true },
  heif: { mime: "image/heif", image: true },
  pdf: { mime: "application/pdf", image: false },
  doc: { mime: "application/msword", image: false },
  docx: { mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", image: false },
  xls: { mime: "application/vnd.ms-excel", image: false },
  xlsx: { mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", image: false },
  ppt: { mime: "application/vnd.ms-powerpoint", image: false },
  pptx: { mime: "application/vnd.openxmlformats-officedocument.presentationml.presentation", image: false },
  odt: { mime: "application/vnd.oasis.opendocument.text", image: false },
};
const BY_MIME = new Map(Object.entries(TYPES).map(([ext, t]) => [t.mime, ext]));
BY_MIME.set("image/jpg", "jpg");

export const ACCEPTED_FILES_TEXT =
  "photos (JPEG, PNG, HEIC or WebP), PDFs and Word, Excel or PowerPoint documents";

/** The kind of a file by its name or type: its extension and whether it is an image; undefined when not taken. */
export function evidenceFileType(
  name: string,
  mimeType?: string,
): { extension: string; mimeType: string; image: boolean } | undefined {
  const fromName = name.toLowerCase().match(/\.([a-z0-9]{1,5})$/)?.[1];
  const extension =
    fromName && TYPES[fromName]
      ? fromName
      : BY_MIME.get((mimeType ?? "").split(";")[0]?.trim().toLowerCase() ?? "");
  const type = extension ? TYPES[extension] : undefined;
  return extension && type ? { extension, mimeType: type.mime, image: type.image } : undefined;
}

/** True for a name or type the bot should treat as a photo or document to keep (not audio, not a card). */
export const isEvidenceFile = (name: string, mimeType?: string) =>
  evidenceFileType(name, mimeType) !== undefined;

/** Whether a browser may show it inline as a preview (HEIC is kept but most browsers cannot draw it). */
export const previewable = (mimeType: string) =>
  mimeType === "image/jpeg" || mimeType === "image/png" || mimeType === "image/webp";

/** Throws the reply people see when a file is of the wrong type or too large. */
export function checkEvidenceFile(name: string, mimeType: string | undefined, bytes: number) {
  const type = evidenceFileType(name, mimeType);
  if (!type)
    throw new AppError(
      "bad_input",
      `I can't keep "${name}" as evidence: I take ${ACCEPTED_FILES_TEXT}. Please send it in one of those formats.`,
    );
  if (bytes > MAX_EVIDENCE_FILE_BYTES)
    throw new AppError(
      "too_large",
      `"${name}" is larger than ${MAX_EVIDENCE_FILE_BYTES / 1024 / 1024} MB. Please send a smaller photo (a screenshot works) or a shorter document.`,
    );
  if (bytes === 0) throw new AppError("bad_input", `"${name}" is empty. Please send it again.`);
  return type;
}
