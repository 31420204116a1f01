// Decides from the configuration whether Slack is on (signing secret and bot token) or off, and why.
import type { SlackConfig } from "../../core/config.ts";

export type SlackMode =
  | { kind: "off"; reason: string }
  | { kind: "on"; signingSecret: string; botToken: string; apiUrl: string };

/** Slack's Web API base; the client wants the trailing slash. */
export const SLACK_API_DEFAULT = "https://slack.com/api/";

/** Reads the Slack settings once; says in one sentence what is missing when the channel is off. */
export function slackMode(config: SlackConfig): SlackMode {
  const missing = [
    ...(config.SLACK_SIGNING_SECRET ? [] : ["SLACK_SIGNING_SECRET"]),
    ...(config.SLACK_BOT_TOKEN ? [] : ["SLACK_BOT_TOKEN"]),
  ];
  if (!config.SLACK_SIGNING_SECRET || !config.SLACK_BOT_TOKEN) {
    return {
      kind: "off",
      reason: `Slack is off: set ${missing.join(" and ")} (from your Slack app's Basic Information and OAuth & Permissions pages) to switch it on.`,
    };
  }
  const base = config.SLACK_API_URL ?? SLACK_API_DEFAULT;
  return {
    kind: "on",
    signingSecret: config.SLACK_SIGNING_SECRET,
    botToken: config.SLACK_BOT_TOKEN,
    apiUrl: base.endsWith("/") ? base : `${base}/`,
  };
}
