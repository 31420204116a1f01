// Slack files (audio clips, documents) as IncomingFiles: downloaded with the bot token, with Slack's clip transcript.
import { downloadFile } from "../channel-download.ts";
import { slackDownloadPolicy } from "../download-policy.ts";
import type { IncomingFile } from "../types.ts";
import type { SlackFile } from "./event-to-command.ts";

export interface SlackFileSource {
  botToken: string;
  /** The Web API base, whose host may also serve files (a local fake in tests). */
  apiUrl: string;
  /** files.info, for files Slack sends without a URL (file_access: "check_file_info"). */
  fileInfo: (id: string) => Promise<SlackFile | undefined>;
}

export function slackFiles(files: SlackFile[] | undefined, source: SlackFileSource): IncomingFile[] {
  return (files ?? []).map((file) => {
    const transcript = clipTranscript(file);
    return {
      name: file.name ?? file.title ?? `${file.id ?? "file"}.${file.filetype ?? "bin"}`,
      ...(file.mimetype ? { mimeType: file.mimetype } : {}),
      ...(transcript ? { platformTranscript: transcript } : {}),
      fetch: async () => {
        const url = file.url_private_download ?? file.url_private ?? (await lookUp(file, source));
        if (!url) throw new Error(`Slack gave no download URL for file ${file.id ?? "(no id)"}.`);
        const token = isSlackHost(url, source.apiUrl) ? source.botToken : undefined;
        return downloadFile(url, {
          policy: slackDownloadPolicy(source.apiUrl),
          ...(typeof file.size === "number" ? { expectedBytes: file.size } : {}),
          ...(token ? { token } : {}),
        });
      },
    };
  });
}

/** Slack's own transcript of an audio clip, only when it is complete and whole (a preview may be cut short). */
export function clipTranscript(file: SlackFile): string | undefined {
  const transcription = file.transcription;
  const content = transcription?.preview?.content?.trim();
  if (transcription?.status !== "complete" || !content || transcription.preview?.has_more) return undefined;
  return content;
}

async function lookUp(file: SlackFile, source: SlackFileSource): Promise<string | undefined> {
  if (!file.id) return undefined;
  const info = await source.fileInfo(file.id);
  return info?.url_private_download ?? info?.url_private;
}

/** The bot token only goes to Slack's own file hosts (and the configured API host). */
export function isSlackHost(url: string, apiUrl: string): boolean {
  try {
    const host = new URL(url).hostname.toLowerCase();
    if (host === new URL(apiUrl).hostname.toLowerCase()) return true;
    return host === "slack.com" || host.endsWith(".slack.com") || host.endsWith(".slack-edge.com");
  } catch {
    return false;
  }
}
