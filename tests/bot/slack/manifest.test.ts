// The Slack app manifest asks for the scopes and events the adapter relies on, all pointed at one endpoint.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

interface SlackManifest {
  display_information: { name: string; description: string; long_description: string };
  features: {
    slash_commands: Array<{ command: string; url: string; usage_hint: string }>;
    bot_user: { display_name: string };
  };
  oauth_config: { scopes: { bot: string[] } };
  settings: {
    event_subscriptions: { request_url: string; bot_events: string[] };
    interactivity: { is_enabled: boolean; request_url: string };
    socket_mode_enabled: boolean;
  };
}

const manifest = parse(
  readFileSync(new URL("../../../manifest/slack/manifest.yml", import.meta.url), "utf8"),
) as SlackManifest;

describe("manifest/slack/manifest.yml", () => {
  it("asks for the scopes the adapter uses", () => {
    expect(manifest.oauth_config.scopes.bot).toEqual(
      expect.arrayContaining([
        "chat:write",
        "im:history",
        "app_mentions:read",
        "users:read",
        "users:read.email",
        "files:read",
        "channels:history",
        "groups:history",
        "commands",
      ]),
    );
  });

  it("subscribes to DMs, mentions and channel threads, with interactivity and /shiftnote on /slack/events", () => {
    const { event_subscriptions, interactivity, socket_mode_enabled } = manifest.settings;
    expect(event_subscriptions.bot_events.sort()).toEqual([
      "app_mention",
      "message.channels",
      "message.groups",
      "message.im",
    ]);
    expect(interactivity.is_enabled).toBe(true);
    expect(socket_mode_enabled).toBe(false);
    const [command] = manifest.features.slash_commands;
    expect(command).toMatchObject({ command: "/shiftnote", usage_hint: "progress | queue | help" });
    for (const url of [event_subscriptions.request_url, interactivity.request_url, command?.url]) {
      expect(url).toMatch(/^https:\/\/[^/]+\/slack\/events$/);
    }
  });

  it("keeps within Slack's text limits", () => {
    expect(manifest.display_information.description.length).toBeLessThanOrEqual(140);
    expect(manifest.display_information.long_description.length).toBeGreaterThanOrEqual(175);
    expect(manifest.display_information.long_description.length).toBeLessThanOrEqual(4000);
  });
});
