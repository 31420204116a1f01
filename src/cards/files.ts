// The evidence's photos and documents on a card: each file's name, kind and size, its name a link to it on the evidence page.
import type { KnownBlock } from "@slack/types";
import * as ac from "./adaptive.ts";
import * as sk from "./slack.ts";
import { truncate } from "./text.ts";
import type { EvidenceFileView } from "./views.ts";

/** Files listed on one card; the rest are counted ("and 3 more on the evidence page"). */
export const MAX_FILES_SHOWN = 10;
const NAME = 80;
const HEADING = "Photos and documents";

const KINDS: Array<[RegExp, string]> = [
  [/^image\//, "Photo"],
  [/^application\/pdf$/, "PDF"],
  [/wordprocessingml|msword/, "Word document"],
  [/spreadsheetml|ms-excel/, "Excel spreadsheet"],
  [/presentationml|ms-powerpoint/, "PowerPoint"],
  [/opendocument\.text/, "OpenDocument text"],
];

/** "Photo", "PDF", "Word document"…, from the file's type. */
export const fileKind = (mimeType: string): string =>
  KINDS.find(([pattern]) => pattern.test(mimeType))?.[1] ?? "Document";

/** "850 KB", "1.2 MB" (1 KB = 1,024 bytes, as a phone shows it). */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

const facts = (file: EvidenceFileView) => ` · ${fileKind(file.mimeType)} · ${fileSize(file.bytes)}`;
const more = (files: readonly EvidenceFileView[]) =>
  files.length > MAX_FILES_SHOWN ? `And ${files.length - MAX_FILES_SHOWN} more on the evidence page.` : "";

/** The list as Adaptive Card elements: a heading, then one line per file (its name a link when it has one). */
export function filesElements(files: readonly EvidenceFileView[] | undefined): ac.Element[] {
  if (!files?.length) return [];
  const lines: ac.Element[] = files.slice(0, MAX_FILES_SHOWN).map((file) => {
    const name = truncate(file.name, NAME);
    return {
      type: "RichTextBlock",
      spacing: "small",
      inlines: [
        {
          type: "TextRun",
          text: name,
          ...(file.url ? { selectAction: ac.openUrl(`Open ${name}`, file.url) } : {}),
        },
        { type: "TextRun", text: facts(file), isSubtle: true },
      ],
    };
  });
  const rest = more(files);
  return [
    ac.text(`${HEADING} (${files.length})`, { weight: "bolder", spacing: "medium" }),
    ...lines,
    ...(rest ? [ac.subtle(rest, { spacing: "small" })] : []),
  ];
}

/** Slack's link text cannot hold "|" or a line break; the rest is escaped like any mrkdwn. */
const linkText = (name: string) =>
  sk.esc(
    truncate(name, NAME)
      .replace(/[\n\r]+/g, " ")
      .replace(/\s*\|\s*/g, " - "),
  );

/** The list as one Block Kit section (at most 3,000 characters: longer lists are cut at a whole line). */
export function filesBlocks(files: readonly EvidenceFileView[] | undefined): KnownBlock[] {
  if (!files?.length) return [];
  const lines = files
    .slice(0, MAX_FILES_SHOWN)
    .map(
      (file) => `${file.url ? `<${file.url}|${linkText(file.name)}>` : linkText(file.name)}${facts(file)}`,
    );
  const rest = more(files);
  let text = `*${HEADING} (${files.length})*`;
  for (const line of [...lines, ...(rest ? [rest] : [])]) {
    if (text.length + line.length + 1 > sk.SLACK_LIMITS.sectionText) break;
    text += `\n${line}`;
  }
  return [sk.section(text)];
}
