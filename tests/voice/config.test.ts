// The voice settings in the configuration: defaults, and a bad value named in one line.
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/app/config.ts";

describe("voice configuration", () => {
  it("has working defaults", () => {
    expect(loadConfig({})).toMatchObject({
      SHIFTNOTE_TRANSCRIBE_ENGINE: "auto",
      OPENAI_TRANSCRIBE_MODEL: "gpt-4o-mini-transcribe",
      SHIFTNOTE_TRANSCRIBE_TIMEOUT_MS: 60_000,
      SHIFTNOTE_VOICE_MAX_SECONDS: 300,
    });
    expect(loadConfig({}).SHIFTNOTE_WHISPER_MODEL).toBeUndefined();
    expect(loadConfig({}).SHIFTNOTE_FFMPEG).toBeUndefined();
  });

  it("names a bad voice setting", () => {
    expect(() => loadConfig({ SHIFTNOTE_VOICE_MAX_SECONDS: "five minutes" })).toThrow(
      new ConfigError(
        'Configuration error: SHIFTNOTE_VOICE_MAX_SECONDS must be a number of seconds, such as 300 (got "five minutes"). Fix it in your environment or .env file and start again.',
      ),
    );
    expect(() => loadConfig({ SHIFTNOTE_TRANSCRIBE_ENGINE: "telepathy" })).toThrow(
      /SHIFTNOTE_TRANSCRIBE_ENGINE/,
    );
  });

  it("treats a blank whisper model or ffmpeg path as unset", () => {
    const config = loadConfig({ SHIFTNOTE_WHISPER_MODEL: "  ", SHIFTNOTE_FFMPEG: "" });
    expect(config.SHIFTNOTE_WHISPER_MODEL).toBeUndefined();
    expect(config.SHIFTNOTE_FFMPEG).toBeUndefined();
  });
});
