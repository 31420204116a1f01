// Reads the header of a PCM WAV file: format, where the samples start, and how long it plays.
import { open } from "node:fs/promises";

export interface WavInfo {
  audioFormat: number;
  channels: number;
  sampleRate: number;
  bitsPerSample: number;
  dataOffset: number;
  dataBytes: number;
  durationSeconds: number;
}

/** Walks the RIFF chunks of a WAV file; returns undefined when it is not a PCM WAV file. */
export async function readWavInfo(path: string): Promise<WavInfo | undefined> {
  const handle = await open(path, "r");
  try {
    const { size } = await handle.stat();
    const head = Buffer.alloc(Math.min(size, 64 * 1024));
    await handle.read(head, 0, head.length, 0);
    if (
      head.length < 12 ||
      head.toString("ascii", 0, 4) !== "RIFF" ||
      head.toString("ascii", 8, 12) !== "WAVE"
    )
      return undefined;
    let offset = 12;
    let fmt: Omit<WavInfo, "dataOffset" | "dataBytes" | "durationSeconds"> | undefined;
    while (offset + 8 <= head.length) {
      const id = head.toString("ascii", offset, offset + 4);
      const length = head.readUInt32LE(offset + 4);
      const body = offset + 8;
      if (id === "fmt " && body + 16 <= head.length) {
        fmt = {
          audioFormat: head.readUInt16LE(body),
          channels: head.readUInt16LE(body + 2),
          sampleRate: head.readUInt32LE(body + 4),
          bitsPerSample: head.readUInt16LE(body + 14),
        };
      } else if (id === "data") {
        if (!fmt || fmt.sampleRate === 0 || fmt.channels === 0 || fmt.bitsPerSample === 0) return undefined;
        // A header written to a pipe says 0 or 0xFFFFFFFF; the file's size is then the truth.
        const available = size - body;
        const dataBytes = length === 0 || length === 0xffffffff ? available : Math.min(length, available);
        const bytesPerSecond = fmt.sampleRate * fmt.channels * (fmt.bitsPerSample / 8);
        return { ...fmt, dataOffset: body, dataBytes, durationSeconds: dataBytes / bytesPerSecond };
      }
      offset = body + length + (length % 2);
    }
    return undefined;
  } finally {
    await handle.close();
  }
}
