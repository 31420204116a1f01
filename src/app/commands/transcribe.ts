// `shiftnote transcribe FILE`: prints a voice note's transcript; `--check` says which engines can run here and why not.
import { basename } from "node:path";
import { isAppError } from "../../core/errors.ts";
import { buildEngine, type EngineChoice } from "../../voice/engines/choose.ts";
import { engineNames } from "../../voice/engines/engine.ts";
import { describeSeconds, findFfmpeg } from "../../voice/ffmpeg.ts";
import { transcribeAudio } from "../../voice/pipeline.ts";
import type { Command } from "../cli.ts";
import { parseCommandArgs, UsageError } from "../cli-args.ts";
import { loadConfig } from "../config.ts";

const usage = `Usage:
  shiftnote transcribe FILE [--engine auto|openai|platform|whisper] [--transcript TEXT] [--json]
      prints the transcript of a recording (m4a, mp3, ogg, webm, wav); --transcript stands in for the
      transcript a platform such as Slack sends with a clip
  shiftnote transcribe --check
      says whether ffmpeg and each transcription engine can run here, and why not`;

const choices = ["auto", ...engineNames] as const;

async function check(): Promise<number> {
  const config = loadConfig();
  let ok = true;
  try {
    const ffmpeg = await findFfmpeg({ configured: config.SHIFTNOTE_FFMPEG });
    console.log(`ffmpeg    ✓ ${ffmpeg.version} (${ffmpeg.source}: ${ffmpeg.path})`);
  } catch (error) {
    ok = false;
    console.log(`ffmpeg    ✗ ${isAppError(error) ? error.message : String(error)}`);
  }
  for (const name of engineNames) {
    const engine = buildEngine(name, config);
    const ready = await engine.available();
    const detail = [engine.version, engine.model].filter(Boolean).join(", ");
    if (name === "platform") console.log(`platform  ✓ used when a Slack clip arrives with its transcript`);
    else console.log(`${name.padEnd(9)} ${ready === true ? "✓" : "✗"} ${ready === true ? detail : ready}`);
  }
  console.log(
    `engine    ${config.SHIFTNOTE_TRANSCRIBE_ENGINE} (SHIFTNOTE_TRANSCRIBE_ENGINE); voice notes up to ${describeSeconds(config.SHIFTNOTE_VOICE_MAX_SECONDS)}`,
  );
  return ok ? 0 : 1;
}

export const command: Command = {
  summary: "Print the transcript of a voice note",
  usage,
  async run(args) {
    const { values, positionals } = parseCommandArgs(args, {
      engine: { type: "string" },
      transcript: { type: "string" },
      json: { type: "boolean" },
      check: { type: "boolean" },
    });
    if (values.check) return check();
    const [file, ...extra] = positionals;
    if (!file || extra.length)
      throw new UsageError("Give one recording, for example `shiftnote transcribe note.m4a`.");
    const engine = values.engine ?? "auto";
    if (!(choices as readonly string[]).includes(engine))
      throw new UsageError(`--engine must be one of ${choices.join(", ")} (got "${engine}").`);
    const config = loadConfig();
    const result = await transcribeAudio(
      {
        path: file,
        name: basename(file),
        ...(values.transcript ? { platformTranscript: values.transcript } : {}),
      },
      config,
      { engine: engine as EngineChoice },
    );
    if (values.json) {
      console.log(JSON.stringify(result, null, 2));
      return 0;
    }
    console.log(result.text);
    const length = result.durationSeconds === null ? "" : `${result.durationSeconds.toFixed(1)} s of audio, `;
    const by = [result.engine, result.model].filter(Boolean).join(" ");
    console.error(`(${length}transcribed by ${by} in ${result.transcribeSeconds.toFixed(1)} s)`);
    return 0;
  },
};
