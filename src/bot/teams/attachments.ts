// Teams attachments (voice recordings, documents) as IncomingFiles the core can fetch when it needs the bytes.
import type { Attachment } from "@microsoft/agents-activity";
import { downloadFile } from "../channel-download.ts";
import { hostListed, teamsDownloadPolicy } from "../download-policy.ts";
import type { IncomingFile } from "../types.ts";

const FILE_DOWNLOAD_INFO = "application/vnd.microsoft.teams.file.download.info";

/** Hosts that may receive the bot's token with a download: Microsoft's connector hosts and the activity's own serviceUrl. */
const trustedHostSuffixes = [
  ".botframework.com",
  // Any Azure customer can name a host under trafficmanager.net: only the Bot Connector's own one gets the token.
  "smba.trafficmanager.net",
  ".teams.microsoft.com",
  ".skype.com",
];

export interface AttachmentSource {
  serviceUrl: string | undefined;
  /** The bot's access token for the connector; undefined in anonymous mode. */
  getToken: () => Promise<string | undefined>;
}

/** Files among the attachments: Teams file uploads and audio/document content; cards and the HTML copy of the text are skipped. */
export function attachmentsToFiles(
  attachments: Attachment[] | undefined,
  source: AttachmentSource,
): IncomingFile[] {
  const files: IncomingFile[] = [];
  for (const attachment of attachments ?? []) {
    const file = attachmentToFile(attachment, source);
    if (file) files.push(file);
  }
  return files;
}

function attachmentToFile(attachment: Attachment, source: AttachmentSource): IncomingFile | undefined {
  const type = attachment.contentType ?? "";
  if (type === FILE_DOWNLOAD_INFO) {
    const content = attachment.content as { downloadUrl?: unknown; fileType?: unknown } | undefined;
    if (typeof content?.downloadUrl !== "string") return undefined;
    const url = content.downloadUrl;
    const name = attachment.name ?? "file";
    const mimeType = mimeFromName(typeof content.fileType === "string" ? `x.${content.fileType}` : name);
    // The download URL is pre-authorised by Teams: no bot token goes with it.
    return {
      name,
      ...(mimeType ? { mimeType } : {}),
      fetch: () => download(url, undefined, source.serviceUrl),
    };
  }
  if (
    type.startsWith("text/html") ||
    type.startsWith("application/vnd.microsoft.card") ||
    !attachment.contentUrl
  ) {
    return undefined;
  }
  const url = attachment.contentUrl;
  const sendToken = isTrustedHost(url, source.serviceUrl);
  return {
    name: attachment.name ?? `attachment.${type.split("/")[1] ?? "bin"}`,
    mimeType: type,
    fetch: async () => download(url, sendToken ? await source.getToken() : undefined, source.serviceUrl),
  };
}

export function isTrustedHost(url: string, serviceUrl: string | undefined): boolean {
  try {
    const target = new URL(url);
    if (serviceUrl && new URL(serviceUrl).origin === target.origin) return true;
    // Whole names only ("evilbotframework.com" is not ".botframework.com"), and never over plain http.
    return target.protocol === "https:" && hostListed(target.hostname, trustedHostSuffixes);
  } catch {
    return false;
  }
}

function download(
  url: string,
  token: string | undefined,
  serviceUrl: string | undefined,
): Promise<Uint8Array> {
  return downloadFile(url, { policy: teamsDownloadPolicy(serviceUrl), ...(token ? { token } : {}) });
}

/** The type a file's name says it has, for the kinds people send. */
export function mimeFromName(name: string): string | undefined {
  const extension = name.split(".").pop()?.toLowerCase();
  const types: Record<string, string> = {
    m4a: "audio/mp4",
    mp3: "audio/mpeg",
    wav: "audio/wav",
    ogg: "audio/ogg",
    webm: "audio/webm",
    mp4: "video/mp4",
    pdf: "application/pdf",
    jpg: "image/jpeg",
    jpeg: "image/jpeg",
    png: "image/png",
    heic: "image/heic",
    webp: "image/webp",
    doc: "application/msword",
    xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    pptx: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    odt: "application/vnd.oasis.opendocument.text",
    docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    txt: "text/plain",
  };
  return extension ? types[extension] : undefined;
}
