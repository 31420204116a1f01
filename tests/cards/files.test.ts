// The file list on cards: kind and size in words, at most ten files listed, and within Slack's and Teams' limits.
import { describe, expect, it } from "vitest";
import { fileKind, fileSize, filesBlocks, MAX_FILES_SHOWN } from "../../src/cards/files.ts";
import { adaptiveCard, slackBlocks } from "../../src/cards/render.ts";
import type { EvidenceFileView } from "../../src/cards/views.ts";
import { adaptiveCardProblems, slackLimitProblems } from "./checks.ts";
import { approval, suggestion, witnessRequest } from "./fixtures.ts";

const many: EvidenceFileView[] = Array.from({ length: 40 }, (_, i) => ({
  name: `${"very long photo name of the customer's thank-you card ".repeat(3)}${i}.jpg`,
  mimeType: "image/jpeg",
  bytes: 9_800_000,
  url: `https://shiftnote.example/auth/link?token=${"t".repeat(180)}${i}`,
}));

describe("files on cards", () => {
  it("says what kind of file each is and how big, as people would", () => {
    expect(fileKind("image/heic")).toBe("Photo");
    expect(fileKind("application/pdf")).toBe("PDF");
    expect(fileKind("application/vnd.openxmlformats-officedocument.wordprocessingml.document")).toBe(
      "Word document",
    );
    expect(fileKind("application/vnd.ms-excel")).toBe("Excel spreadsheet");
    expect(fileKind("application/octet-stream")).toBe("Document");
    expect([fileSize(900), fileSize(88_064), fileSize(1_258_291)]).toEqual(["900 bytes", "86 KB", "1.2 MB"]);
  });

  it("lists ten of forty files, says how many more, and stays within Slack's 3,000 characters a section", () => {
    const [section] = filesBlocks(many) as Array<{ text: { text: string } }>;
    const text = section?.text.text ?? "";
    expect(text.length).toBeLessThanOrEqual(3000);
    expect(text).toContain("*Photos and documents (40)*");
    expect(text.match(/\| ?very long photo/g)?.length ?? 0).toBeLessThanOrEqual(MAX_FILES_SHOWN);
    for (const view of [
      { kind: "suggestion" as const, view: { ...suggestion, files: many } },
      { kind: "approval" as const, view: { ...approval, files: many } },
      { kind: "witnessRequest" as const, view: { ...witnessRequest, files: many } },
    ]) {
      expect(slackBlocks(view).length).toBeLessThanOrEqual(50);
      expect(slackLimitProblems(slackBlocks(view))).toEqual([]);
      const card = adaptiveCard(view);
      expect(adaptiveCardProblems(card)).toEqual([]);
      expect(JSON.stringify(card)).toContain("And 30 more on the evidence page.");
    }
  });
});
