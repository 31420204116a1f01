// Runs whisper.cpp on one WAV in its own process, so a bad model file that aborts cannot take the bot down.
// Plain JavaScript so it starts with plain `node`, whatever runner started the parent.
// Usage: node whisper-worker.mjs MODEL WAV THREADS; prints one JSON line: {"text": …} or {"error": …}.
import whisper from "@fugood/whisper.node";

const [model, wav, threads] = process.argv.slice(2);
let answered = false;
const say = (value) => {
  answered = true;
  process.stdout.write(`${JSON.stringify(value)}\n`);
};

// @fugood/whisper.node 1.1.3 leaves its promise unsettled when whisper.cpp fails mid-transcription (the error reaches
// a callback that expects two arguments with one), so the event loop empties and Node exits: say so instead of
// leaving the parent to wait for its timeout.
process.on("exit", () => {
  if (!answered) {
    say({ error: "whisper.cpp stopped without a transcript" });
    process.exitCode = 1;
  }
});

try {
  const context = await whisper.initWhisper({ filePath: model, useGpu: false });
  const { promise } = context.transcribeFile(wav, {
    language: "en",
    temperature: 0,
    maxThreads: Number(threads) || 2,
  });
  const result = await promise;
  await context.release();
  say({ text: result.result });
} catch (error) {
  say({ error: error instanceof Error ? error.message : String(error) });
  process.exitCode = 1;
}
