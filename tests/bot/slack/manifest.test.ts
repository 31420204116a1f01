// The Slack app manifest has the shape Slack documents, and asks for the scopes and events the adapter relies on.
import { readFileSync } from "node:fs";
import { Ajv } from "ajv";
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

const manifestText = readFileSync(new URL("../../../manifest/slack/manifest.yml", import.meta.url), "utf8");
const manifest = parse(manifestText) as SlackManifest;

const boolean = { type: "boolean" } as const;
const url = { type: "string", pattern: "^https?://", maxLength: 3500 } as const;

/**
 * The parts of Slack's app manifest reference (docs.slack.dev/reference/app-manifest) this app uses, with the
 * required keys, types and limits documented there. Slack requires only display_information; a bot app needs the rest.
 */
const manifestSchema = {
  type: "object",
  required: ["display_information", "features", "oauth_config", "settings"],
  additionalProperties: false,
  properties: {
    _metadata: {
      type: "object",
      additionalProperties: false,
      properties: { major_version: { enum: [1, 2] }, minor_version: { type: "integer" } },
    },
    display_information: {
      type: "object",
      required: ["name"],
      additionalProperties: false,
      properties: {
        name: { type: "string", minLength: 1, maxLength: 35 },
        description: { type: "string", minLength: 1, maxLength: 140 },
        long_description: { type: "string", minLength: 175, maxLength: 4000 },
        background_color: { type: "string", pattern: "^#([0-9a-fA-F]{3}){1,2}$" },
      },
    },
    features: {
      type: "object",
      required: ["bot_user"],
      additionalProperties: false,
      properties: {
        app_home: {
          type: "object",
          additionalProperties: false,
          properties: {
            home_tab_enabled: boolean,
            messages_tab_enabled: boolean,
            messages_tab_read_only_enabled: boolean,
          },
        },
        bot_user: {
          type: "object",
          required: ["display_name"],
          additionalProperties: false,
          properties: {
            display_name: { type: "string", minLength: 1, maxLength: 80 },
            always_online: boolean,
          },
        },
        slash_commands: {
          type: "array",
          minItems: 1,
          maxItems: 50,
          items: {
            type: "object",
            required: ["command", "description"],
            additionalProperties: false,
            properties: {
              command: { type: "string", pattern: "^/", minLength: 2, maxLength: 32 },
              description: { type: "string", minLength: 1, maxLength: 2000 },
              usage_hint: { type: "string", minLength: 1, maxLength: 1000 },
              url,
              should_escape: boolean,
            },
          },
        },
      },
    },
    oauth_config: {
      type: "object",
      required: ["scopes"],
      additionalProperties: false,
      properties: {
        redirect_urls: { type: "array", items: { type: "string" } },
        scopes: {
          type: "object",
          required: ["bot"],
          additionalProperties: false,
          properties: {
            bot: {
              type: "array",
              minItems: 1,
              maxItems: 255,
              uniqueItems: true,
              items: { type: "string", pattern: "^[a-z][a-z_.]*(:[a-z_.]+)?$", maxLength: 50 },
            },
          },
        },
      },
    },
    settings: {
      type: "object",
      required: ["event_subscriptions", "interactivity", "socket_mode_enabled"],
      additionalProperties: false,
      properties: {
        event_subscriptions: {
          type: "object",
          required: ["bot_events"],
          additionalProperties: false,
          properties: {
            request_url: url,
            bot_events: {
              type: "array",
              minItems: 1,
              maxItems: 100,
              uniqueItems: true,
              items: { type: "string", pattern: "^[a-z_]+(\\.[a-z_]+)?$", maxLength: 50 },
            },
          },
        },
        interactivity: {
          type: "object",
          required: ["is_enabled"],
          additionalProperties: false,
          properties: { is_enabled: boolean, request_url: url, message_menu_options_url: url },
        },
        org_deploy_enabled: boolean,
        socket_mode_enabled: boolean,
        token_rotation_enabled: boolean,
      },
    },
  },
} as const;

const validate = new Ajv({ allErrors: true }).compile(manifestSchema);
const problems = (value: unknown) =>
  validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || "(manifest)"} ${e.message}`);

/** The scope each message event needs (Slack's event reference). */
const scopeOf: Record<string, string> = {
  app_mention: "app_mentions:read",
  "message.channels": "channels:history",
  "message.groups": "groups:history",
  "message.im": "im:history",
  "message.mpim": "mpim:history",
};

describe("manifest/slack/manifest.yml", () => {
  it("has the shape Slack's manifest reference documents", () => {
    expect(problems(manifest)).toEqual([]);
  });

  it("is held to that shape: wrong types, missing keys and overlong names are caught", () => {
    const broken = parse(manifestText) as {
      display_information: Record<string, unknown>;
      features: Record<string, unknown>;
      oauth_config: { scopes: Record<string, unknown> };
      settings: Record<string, unknown> & {
        event_subscriptions: Record<string, unknown>;
        interactivity: Record<string, unknown>;
      };
    };
    broken.settings.socket_mode_enabled = "no";
    delete broken.settings.event_subscriptions.bot_events;
    broken.settings.interactivity.is_enabled = "yes";
    broken.display_information.name = "Shiftnote, your shift as N/SVQ evidence";
    delete broken.features.bot_user;
    broken.oauth_config.scopes.bot = "chat:write";
    expect(problems(broken).sort()).toEqual([
      "/display_information/name must NOT have more than 35 characters",
      "/features must have required property 'bot_user'",
      "/oauth_config/scopes/bot must be array",
      "/settings/event_subscriptions must have required property 'bot_events'",
      "/settings/interactivity/is_enabled must be boolean",
      "/settings/socket_mode_enabled must be boolean",
    ]);
  });

  it("asks for the scopes the adapter uses", () => {
    expect(manifest.oauth_config.scopes.bot).toEqual(
      expect.arrayContaining([
        "chat:write",
        "im:history",
        "mpim:history",
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

  it("subscribes to DMs, mentions and channel and group-DM threads, with interactivity and /shiftnote on /slack/events", () => {
    const { event_subscriptions, interactivity } = manifest.settings;
    expect(event_subscriptions.bot_events.sort()).toEqual([
      "app_mention",
      "message.channels",
      "message.groups",
      "message.im",
      "message.mpim",
    ]);
    // Each event comes with the scope Slack needs to deliver it.
    for (const event of event_subscriptions.bot_events) {
      expect(manifest.oauth_config.scopes.bot).toContain(scopeOf[event]);
    }
    expect(interactivity.is_enabled).toBe(true);
    const [command] = manifest.features.slash_commands;
    expect(command).toMatchObject({ command: "/shiftnote", usage_hint: "progress | queue | help" });
    for (const url of [event_subscriptions.request_url, interactivity.request_url, command?.url]) {
      expect(url).toMatch(/^https:\/\/[^/]+\/slack\/events$/);
    }
  });

  it("ships with Socket Mode off, and says beside the setting how to switch it on", () => {
    expect(manifest.settings.socket_mode_enabled).toBe(false);
    const comment = manifestText.slice(0, manifestText.indexOf("socket_mode_enabled:"));
    const lastComment = comment.slice(comment.lastIndexOf("\n  # Socket Mode"));
    expect(lastComment).toMatch(/default false/);
    expect(lastComment).toMatch(/connections:write/);
    expect(lastComment).toMatch(/SLACK_APP_TOKEN/);
  });

  it("keeps within Slack's text limits", () => {
    expect(manifest.display_information.description.length).toBeLessThanOrEqual(140);
    expect(manifest.display_information.long_description.length).toBeGreaterThanOrEqual(175);
    expect(manifest.display_information.long_description.length).toBeLessThanOrEqual(4000);
  });
});
