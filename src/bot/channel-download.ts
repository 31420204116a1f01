// Downloads a file a channel handed us, with the channel's token, a size cap and a time limit.
import { AppError } from "../core/errors.ts";
import type { DownloadPolicy } from "./download-policy.ts";

/** The largest file we download from a channel (a five-minute voice note is a few MB). */
export const MAX_CHANNEL_FILE_BYTES = 25 * 1024 * 1024;

/** Redirects followed, each checked against the platform's hosts like the first URL. */
const MAX_REDIRECTS = 3;

export interface DownloadOptions {
  /** Sent as a bearer token to the first URL only (never after a redirect); only pass it for the platform's own hosts. */
  token?: string;
  /** The hosts this platform keeps files on ("Teams" or "Slack" in the message people see). */
  policy: DownloadPolicy;
  /** The size the platform says the file has: over the cap, nothing is fetched. */
  expectedBytes?: number;
  maxBytes?: number;
  timeoutMs?: number;
}

/**
 * GETs the URL and returns the bytes. Only the platform's file hosts are asked, redirects included; the size the
 * platform gave and the Content-Length are checked before reading, and reading stops once the cap is passed.
 */
export async function downloadFile(url: string, options: DownloadOptions): Promise<Uint8Array> {
  const maxBytes = options.maxBytes ?? MAX_CHANNEL_FILE_BYTES;
  const platform = options.policy.platform;
  const tooLarge = new AppError(
    "too_large",
    `That file is larger than ${Math.round(maxBytes / 1024 / 1024)} MB. Please send a shorter recording or a smaller document.`,
  );
  if ((options.expectedBytes ?? 0) > maxBytes) throw tooLarge;
  const signal = AbortSignal.timeout(options.timeoutMs ?? 60_000);
  const refused = new AppError(
    "bad_input",
    `That file came from an address ${platform} doesn't use for files, so we didn't download it. Please send it again from ${platform} itself, or type your account instead.`,
  );
  let target = parseUrl(url);
  let response: Response | undefined;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    if (!target || !options.policy.allows(target)) throw refused;
    response = await fetch(target, {
      headers: options.token && hop === 0 ? { authorization: `Bearer ${options.token}` } : {},
      signal,
      redirect: "manual",
    });
    if (response.status < 300 || response.status >= 400) break;
    await response.body?.cancel();
    const location = response.headers.get("location");
    target = location ? parseUrl(location, target) : undefined;
    response = undefined;
  }
  if (!response) throw refused;
  if (!response.ok || !response.body) {
    await response.body?.cancel();
    throw new AppError("unavailable", `${platform} would not give us that file. Please send it again.`);
  }
  if (Number(response.headers.get("content-length") ?? "0") > maxBytes) {
    await response.body.cancel();
    throw tooLarge;
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw tooLarge;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

function parseUrl(value: string, base?: URL): URL | undefined {
  try {
    return new URL(value, base);
  } catch {
    return undefined;
  }
}
