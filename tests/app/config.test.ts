// Configuration: defaults, and one clear line naming the variable when a value is wrong.
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/app/config.ts";

describe("loadConfig", () => {
  it("starts on the embedded defaults with an empty environment", () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(3978);
    expect(config.DATABASE_URL).toBe("file:./var/pgdata");
    expect(config.OPENAI_API_KEY).toBeUndefined();
    expect(config.TEAMS_ANONYMOUS).toBe(false);
  });

  it("accepts PostgreSQL and in-memory database URLs", () => {
    expect(loadConfig({ DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/test" }).DATABASE_URL).toMatch(
      /^postgresql/,
    );
    expect(loadConfig({ DATABASE_URL: "memory://" }).DATABASE_URL).toBe("memory://");
  });

  it.each([
    ["PORT", "abc", /PORT must be a whole number/],
    ["PORT", "70000", /PORT must be a whole number/],
    ["DATABASE_URL", "mysql://x", /DATABASE_URL use postgresql/],
    ["OPENAI_BASE_URL", "not a url", /OPENAI_BASE_URL must be a URL/],
    ["SHIFTNOTE_LOG_LEVEL", "loud", /SHIFTNOTE_LOG_LEVEL/],
    ["SLACK_APP_TOKEN", "xoxb-a-bot-token", /SLACK_APP_TOKEN must be an app-level token starting xapp-/],
  ])("names %s when it is %s, in one line", (name, value, message) => {
    let error: unknown;
    try {
      loadConfig({ [name]: value });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain("\n");
  });

  it("treats blank credentials as unset", () => {
    expect(loadConfig({ SLACK_SIGNING_SECRET: "  " }).SLACK_SIGNING_SECRET).toBeUndefined();
    expect(loadConfig({ SLACK_APP_TOKEN: "" }).SLACK_APP_TOKEN).toBeUndefined();
    expect(loadConfig({ SLACK_APP_TOKEN: " xapp-1-A1-2-abc " }).SLACK_APP_TOKEN).toBe("xapp-1-A1-2-abc");
  });
});
