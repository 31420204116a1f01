// Downloads a file a channel handed us, with the channel's token, a size cap and a time limit.
import { AppError } from "../core/errors.ts";

/** The largest file we download from a channel (a five-minute voice note is a few MB). */
export const MAX_CHANNEL_FILE_BYTES = 25 * 1024 * 1024;

export interface DownloadOptions {
  /** Sent as a bearer token; only pass it for the platform's own hosts. */
  token?: string;
  /** "Teams" or "Slack", for the message people see. */
  platform: string;
  maxBytes?: number;
  timeoutMs?: number;
}

/** GETs the URL and returns the bytes; stops reading once the cap is passed, so a huge file costs no memory. */
export async function downloadFile(url: string, options: DownloadOptions): Promise<Uint8Array> {
  const maxBytes = options.maxBytes ?? MAX_CHANNEL_FILE_BYTES;
  const response = await fetch(url, {
    headers: options.token ? { authorization: `Bearer ${options.token}` } : {},
    signal: AbortSignal.timeout(options.timeoutMs ?? 60_000),
    redirect: "follow",
  });
  if (!response.ok || !response.body) {
    throw new AppError(
      "unavailable",
      `${options.platform} would not give us that file. Please send it again.`,
    );
  }
  const tooLarge = new AppError(
    "too_large",
    `That file is larger than ${Math.round(maxBytes / 1024 / 1024)} MB. Please send a shorter recording or a smaller document.`,
  );
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
