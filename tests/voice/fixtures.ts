// Voice fixtures made on the spot: espeak-ng speaks the accounts, ffmpeg encodes them the way phones and browsers do,
// plus the bad files. Made once per content hash in the system temp folder and reused by later runs.
import { createHash, randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { copyFile, mkdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runBounded } from "../../src/voice/child.ts";
import { readWavInfo } from "../../src/voice/wav.ts";
import { type SpokenAccount, spokenAccounts } from "./accounts.ts";

export const formats = ["wav", "m4a", "mp3", "ogg", "webm"] as const;
export type Format = (typeof formats)[number];

export interface SpokenFixture {
  account: SpokenAccount;
  /** Seconds of speech in the source WAV. */
  seconds: number;
  files: Record<Format, string>;
}

export interface VoiceFixtures {
  dir: string;
  spoken: SpokenFixture[];
  bad: {
    textAsMp3: string;
    empty: string;
    corruptHeaderM4a: string;
    corruptHeaderWav: string;
    truncatedM4a: string;
    imageAsM4a: string;
    videoOnly: string;
    unknownCodecWav: string;
    /** A genuine two-hour AAC recording (silence), made by stream-copying ten seconds 720 times. */
    twoHours: string;
  };
}

/** Bump when the way fixtures are made changes. */
const GENERATOR = 3;

async function run(command: string, args: string[]): Promise<string> {
  const result = await runBounded(command, args, { timeoutMs: 120_000 });
  if (result.spawnError)
    throw new Error(
      `${command} is needed to make the voice fixtures: install it with \`apt-get install -y espeak-ng ffmpeg\` (CI does).`,
    );
  if (result.code !== 0) throw new Error(`${command} ${args.join(" ")} failed: ${result.stderr.slice(-500)}`);
  return result.stdout;
}

async function toolVersions(): Promise<string> {
  const espeak = await run("espeak-ng", ["--version"]);
  const ffmpeg = await run("ffmpeg", ["-hide_banner", "-version"]);
  return `${espeak.split("\n")[0]} / ${ffmpeg.split("\n")[0]}`;
}

const ff = ["-nostdin", "-hide_banner", "-loglevel", "error", "-y"];

async function pool<T>(items: readonly T[], width: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: width }, async () => {
    while (next < items.length) await work(items[next++] as T);
  });
  await Promise.all(lanes);
}

async function make(dir: string): Promise<void> {
  const jobs: Array<() => Promise<void>> = [];
  for (const account of spokenAccounts) {
    const base = join(dir, account.id);
    await run("espeak-ng", ["-v", "en-gb", "-s", "165", "-w", `${base}.wav`, account.text]);
    jobs.push(
      () =>
        run("ffmpeg", [...ff, "-i", `${base}.wav`, "-c:a", "aac", "-b:a", "64k", `${base}.m4a`]).then(
          () => {},
        ),
      () =>
        run("ffmpeg", [...ff, "-i", `${base}.wav`, "-c:a", "libmp3lame", "-b:a", "64k", `${base}.mp3`]).then(
          () => {},
        ),
      () =>
        run("ffmpeg", [...ff, "-i", `${base}.wav`, "-c:a", "libopus", "-b:a", "32k", `${base}.ogg`]).then(
          () => {},
        ),
      // Written to a pipe, as a browser's MediaRecorder writes it: the header states no duration.
      () =>
        run("sh", [
          "-c",
          `ffmpeg ${ff.join(" ")} -i "${base}.wav" -c:a libopus -b:a 32k -f webm pipe:1 > "${base}.webm"`,
        ]).then(() => {}),
    );
  }
  await pool(jobs, 3, (job) => job());
  const first = join(dir, `${spokenAccounts[0]?.id}`);
  const badJobs: Array<() => Promise<void>> = [];
  badJobs.push(
    async () => {
      await writeFile(
        join(dir, "bad-text.mp3"),
        "This is a shopping list, not a recording: milk, bread, tea.\n",
      );
      await writeFile(join(dir, "bad-empty.m4a"), "");
    },
    async () => {
      const m4a = await readFile(`${first}.m4a`);
      const corrupt = Buffer.from(m4a);
      corrupt.fill(0x5a, 0, 64);
      await writeFile(join(dir, "bad-corrupt-header.m4a"), corrupt);
      await writeFile(join(dir, "bad-truncated.m4a"), m4a.subarray(0, Math.floor(m4a.length / 2)));
      const wav = Buffer.from(await readFile(`${first}.wav`));
      wav.fill(0x5a, 0, 44);
      await writeFile(join(dir, "bad-corrupt-header.wav"), wav);
      const codec = Buffer.from(await readFile(`${first}.wav`));
      codec.writeUInt16LE(0x1234, 20); // a format tag no decoder knows
      await writeFile(join(dir, "bad-unknown-codec.wav"), codec);
    },
    async () => {
      await run("ffmpeg", [
        ...ff,
        "-f",
        "lavfi",
        "-i",
        "testsrc=size=32x32",
        "-frames:v",
        "1",
        join(dir, "image.png"),
      ]);
      await copyFile(join(dir, "image.png"), join(dir, "bad-image.m4a"));
    },
    () =>
      run("ffmpeg", [
        ...ff,
        ...["-f", "lavfi", "-i", "testsrc=size=64x64:rate=5", "-t", "1"],
        ...["-c:v", "mpeg4", join(dir, "bad-video-only.mp4")],
      ]).then(() => {}),
    async () => {
      const ten = join(dir, "silence-10s.m4a");
      await run("ffmpeg", [
        ...ff,
        "-f",
        "lavfi",
        "-i",
        "anullsrc=r=16000:cl=mono",
        "-t",
        "10",
        "-c:a",
        "aac",
        ten,
      ]);
      await writeFile(join(dir, "silence.list"), `${"file 'silence-10s.m4a'\n".repeat(720)}`);
      await run("ffmpeg", [
        ...ff,
        ...["-f", "concat", "-safe", "0", "-i", join(dir, "silence.list"), "-c", "copy"],
        join(dir, "long-2h.m4a"),
      ]);
    },
  );
  await pool(badJobs, 3, (job) => job());
  await writeFile(join(dir, "complete"), "");
}

/** Test files run in parallel: one makes the fixtures while the others wait for it (a lock older than 5 minutes is stale). */
async function makeOnce(dir: string): Promise<void> {
  const lock = `${dir}.lock`;
  for (;;) {
    if (existsSync(join(dir, "complete"))) return;
    const taken = await mkdir(lock).then(
      () => true,
      () => false,
    );
    if (taken) break;
    const age = await stat(lock).then(
      (s) => Date.now() - s.mtimeMs,
      () => 0,
    );
    if (age > 300_000) await rm(lock, { recursive: true, force: true });
    else await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const partial = `${dir}.${randomUUID()}.partial`;
  try {
    if (existsSync(join(dir, "complete"))) return;
    await mkdir(partial, { recursive: true });
    await make(partial);
    await rm(dir, { recursive: true, force: true });
    await rename(partial, dir);
  } finally {
    await rm(partial, { recursive: true, force: true });
    await rm(lock, { recursive: true, force: true });
  }
}

let cached: Promise<VoiceFixtures> | undefined;

/** Makes the fixtures (or finds them from an earlier run) and returns their paths. */
export function voiceFixtures(): Promise<VoiceFixtures> {
  cached ??= (async () => {
    const hash = createHash("sha256")
      .update(JSON.stringify({ GENERATOR, spokenAccounts, tools: await toolVersions() }))
      .digest("hex")
      .slice(0, 16);
    const dir = join(tmpdir(), `shiftnote-voice-fixtures-${hash}`);
    if (!existsSync(join(dir, "complete"))) await makeOnce(dir);
    const spoken: SpokenFixture[] = [];
    for (const account of spokenAccounts) {
      const base = join(dir, account.id);
      const info = await readWavInfo(`${base}.wav`);
      spoken.push({
        account,
        seconds: info?.durationSeconds ?? 0,
        files: Object.fromEntries(formats.map((f) => [f, `${base}.${f}`])) as Record<Format, string>,
      });
    }
    return {
      dir,
      spoken,
      bad: {
        textAsMp3: join(dir, "bad-text.mp3"),
        empty: join(dir, "bad-empty.m4a"),
        corruptHeaderM4a: join(dir, "bad-corrupt-header.m4a"),
        corruptHeaderWav: join(dir, "bad-corrupt-header.wav"),
        truncatedM4a: join(dir, "bad-truncated.m4a"),
        imageAsM4a: join(dir, "bad-image.m4a"),
        videoOnly: join(dir, "bad-video-only.mp4"),
        unknownCodecWav: join(dir, "bad-unknown-codec.wav"),
        twoHours: join(dir, "long-2h.m4a"),
      },
    };
  })();
  return cached;
}
