// Decides from the configuration whether Slack is on (over HTTP or Socket Mode) or off, and why.
import type { SlackConfig } from "../../core/config.ts";

export type SlackMode =
  | { kind: "off"; reason: string }
  | { kind: "on"; signingSecret: string; botToken: string; apiUrl: string }
  | { kind: "socket"; appToken: string; botToken: string; apiUrl: string };

/** Slack's Web API base; the client wants the trailing slash. */
export const SLACK_API_DEFAULT = "https://slack.com/api/";

/**
 * Reads the Slack settings once; says in one sentence what is missing when the channel is off.
 * An app-level token (SLACK_APP_TOKEN) chooses Socket Mode, which needs no signing secret: nothing arrives over HTTP.
 */
export function slackMode(config: SlackConfig): SlackMode {
  const base = config.SLACK_API_URL ?? SLACK_API_DEFAULT;
  const apiUrl = base.endsWith("/") ? base : `${base}/`;
  if (config.SLACK_APP_TOKEN && config.SLACK_BOT_TOKEN) {
    return { kind: "socket", appToken: config.SLACK_APP_TOKEN, botToken: config.SLACK_BOT_TOKEN, apiUrl };
  }
  if (config.SLACK_APP_TOKEN) {
    return {
      kind: "off",
      reason:
        "Slack is off: SLACK_APP_TOKEN is set but SLACK_BOT_TOKEN is not (copy the Bot User OAuth Token, xoxb-…, from your Slack app's OAuth & Permissions page).",
    };
  }
  const missing = [
    ...(config.SLACK_SIGNING_SECRET ? [] : ["SLACK_SIGNING_SECRET"]),
    ...(config.SLACK_BOT_TOKEN ? [] : ["SLACK_BOT_TOKEN"]),
  ];
  if (!config.SLACK_SIGNING_SECRET || !config.SLACK_BOT_TOKEN) {
    return {
      kind: "off",
      reason: `Slack is off: set ${missing.join(" and ")} (from your Slack app's Basic Information and OAuth & Permissions pages) to switch it on, or SLACK_APP_TOKEN and SLACK_BOT_TOKEN for Socket Mode.`,
    };
  }
  return {
    kind: "on",
    signingSecret: config.SLACK_SIGNING_SECRET,
    botToken: config.SLACK_BOT_TOKEN,
    apiUrl,
  };
}
