// Voice benchmark: ffmpeg decode speed per format, and for every engine that runs here its word error rate,
// real-time factor and the mapping of its transcripts against the mapping of the source texts.
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadConfig } from "../src/app/config.ts";
import { parseEvalSet } from "../src/mapping/eval-set.ts";
import { f1, scoreItem, summarise } from "../src/mapping/metrics.ts";
import { mapEvidence } from "../src/mapping/offline.ts";
import type { MappingResult } from "../src/mapping/types.ts";
import { buildEngine } from "../src/voice/engines/choose.ts";
import type { EngineName } from "../src/voice/engines/engine.ts";
import { decodeToWav, findFfmpeg } from "../src/voice/ffmpeg.ts";
import { transcribeAudio } from "../src/voice/pipeline.ts";
import { corpusWer } from "../src/voice/wer.ts";
import { formats, voiceFixtures } from "../tests/voice/fixtures.ts";

const round = (x: number, digits = 4) => Math.round(x * 10 ** digits) / 10 ** digits;
const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);

/** How far the mapping of a transcript strays from the mapping of the text that was spoken. */
function mappingAgreement(source: MappingResult, transcript: MappingResult) {
  const top = (r: MappingResult) => r.criteria.slice(0, 10).map((c) => c.id);
  const sourceTop = new Set(top(source));
  const kept = top(transcript).filter((id) => sourceTop.has(id)).length;
  return {
    pcOverlapAt10: sourceTop.size ? kept / sourceTop.size : 1,
    unitF1: f1(
      transcript.units.map((u) => u.unitId),
      source.units.map((u) => u.unitId),
    ),
    rangeF1: f1(
      transcript.ranges.map((r) => r.id),
      source.ranges.map((r) => r.id),
    ),
  };
}

/** Mapping metrics on the dev set's `voice` texts: what the mapper makes of what a good engine would produce. */
function devSetVoice(): Record<string, unknown> {
  const path = fileURLToPath(new URL("../../shared/eval/dev.jsonl", import.meta.url));
  if (!existsSync(path))
    return { devset_voice: "not run: shared/eval/dev.jsonl is not beside the repository" };
  const items = parseEvalSet(readFileSync(path, "utf8"), "dev.jsonl").filter((i) => i.kind === "voice");
  const scores = items.map((item) => {
    const started = performance.now();
    const result = mapEvidence(item.text, {
      level: item.level,
      ...(item.registered_units.length ? { units: item.registered_units } : {}),
    });
    return scoreItem(item, result, performance.now() - started);
  });
  const s = summarise(scores);
  return {
    devset_voice_n: s.n,
    devset_voice_pc_recall_at_10: s.pc_recall_at_10,
    devset_voice_pc_precision_at_5: s.pc_precision_at_5,
    devset_voice_unit_f1: s.unit_f1,
    devset_voice_range_f1: s.range_f1,
  };
}

/** What stands in the way on the project's own machines, beyond the setting itself. */
const whyNot: Partial<Record<EngineName, string>> = {
  openai:
    "; the project's machines reach no network beyond the package registries, so the API cannot be reached here",
  whisper: "; no Whisper weights can be downloaded on the project's machines",
};

/** Runs the benchmark; every figure is measured on this machine in this run. */
export async function run(): Promise<Record<string, unknown>> {
  const config = loadConfig();
  const fx = await voiceFixtures();
  const audioSeconds = fx.spoken.reduce((sum, s) => sum + s.seconds, 0);
  const figures: Record<string, unknown> = {
    voice_fixtures: `${fx.spoken.length} accounts spoken by espeak-ng (en-gb), ${round(audioSeconds, 1)} s of speech`,
  };

  // Decoding: processing seconds per audio second, per format, with the ffmpeg this machine uses.
  const ffmpeg = await findFfmpeg({ configured: config.SHIFTNOTE_FFMPEG });
  figures.ffmpeg = `${ffmpeg.version} (${ffmpeg.source})`;
  const work = await mkdtemp(join(tmpdir(), "shiftnote-bench-voice-"));
  try {
    for (const format of formats) {
      let seconds = 0;
      for (const s of fx.spoken) {
        const decoded = await decodeToWav(ffmpeg, s.files[format], join(work, "out.wav"), {
          maxSeconds: 300,
        });
        seconds += decoded.elapsedMs / 1000;
      }
      figures[`decode_rtf_${format}`] = round(seconds / audioSeconds, 5);
    }
    // The binary shipped in @ffmpeg-installer/ffmpeg, the fall-back where the system has none.
    const packaged = await findFfmpeg({ systemCommand: "shiftnote-no-such-ffmpeg" }).catch(() => undefined);
    if (packaged) {
      let seconds = 0;
      for (const s of fx.spoken)
        seconds +=
          (await decodeToWav(packaged, s.files.m4a, join(work, "out.wav"), { maxSeconds: 300 })).elapsedMs /
          1000;
      figures.decode_rtf_m4a_packaged_ffmpeg = round(seconds / audioSeconds, 5);
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }

  // Engines: each one that can run here, on the phone format (m4a).
  const sourceMaps = fx.spoken.map((s) => mapEvidence(s.account.text, { level: s.account.level }));
  const ran: string[] = [];
  const notRun: Record<string, string> = {};
  for (const name of ["openai", "whisper"] as EngineName[]) {
    const engine = buildEngine(name, config);
    const ready = await engine.available();
    if (ready !== true) {
      notRun[name] = `${ready}${whyNot[name]}`;
      continue;
    }
    const pairs: Array<{ reference: string; hypothesis: string }> = [];
    const agreement: Array<ReturnType<typeof mappingAgreement>> = [];
    let processing = 0;
    let failed: string | undefined;
    for (const [i, s] of fx.spoken.entries()) {
      try {
        const t = await transcribeAudio({ path: s.files.m4a, name: "note.m4a" }, config, { engine: name });
        pairs.push({ reference: s.account.text, hypothesis: t.text });
        processing += t.transcribeSeconds;
        agreement.push(
          mappingAgreement(sourceMaps[i] as MappingResult, mapEvidence(t.text, { level: s.account.level })),
        );
      } catch (error) {
        failed = (error as Error).message;
        break;
      }
    }
    if (failed) {
      notRun[name] = `available but failed: ${failed}`;
      continue;
    }
    ran.push(name);
    figures[`${name}_engine`] = [engine.version, engine.model].filter(Boolean).join(", ");
    figures[`${name}_wer`] = round(corpusWer(pairs));
    figures[`${name}_rtf`] = round(processing / audioSeconds);
    figures[`${name}_mapping_pc_overlap_at_10_vs_source`] = round(
      mean(agreement.map((a) => a.pcOverlapAt10)),
    );
    figures[`${name}_mapping_unit_f1_vs_source`] = round(mean(agreement.map((a) => a.unitF1)));
    figures[`${name}_mapping_range_f1_vs_source`] = round(mean(agreement.map((a) => a.rangeF1)));
  }
  figures.engines_measured = ran.length ? ran : "none: no speech recogniser can run on this machine";
  figures.engines_not_run = notRun;
  figures.platform_engine =
    "not measured: it returns the transcript the platform sends, so its word error rate against that text is 0 by construction and says nothing about speech recognition";
  return { ...figures, ...devSetVoice() };
}
