// The configuration's shape: the zod schema of every variable, and the slice of it each module is given.
import { z } from "zod";

const flag = z
  .enum(["0", "1", "true", "false", ""])
  .optional()
  .transform((v) => v === "1" || v === "true");

const optionalText = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === "" ? undefined : v.trim()));

const variables = z.object({
  PORT: z.coerce
    .number({ message: "must be a whole number from 0 to 65535" })
    .int({ message: "must be a whole number from 0 to 65535" })
    .min(0, { message: "must be a whole number from 0 to 65535" })
    .max(65535, { message: "must be a whole number from 0 to 65535" })
    .default(3978),
  /** Left unset, the playground keeps to 127.0.0.1; `hostGiven` says whether it was set. */
  HOST: z.string().min(1).optional(),
  /** `postgresql://…` for a PostgreSQL server; otherwise a PGlite data directory (`file:./var/pgdata`, `memory://`). */
  DATABASE_URL: z
    .string()
    .default("file:./var/pgdata")
    .refine((v) => /^(postgres(ql)?:\/\/|file:|memory:\/\/|idb:\/\/)/.test(v), {
      message: "use postgresql://user@host:5432/db, file:./var/pgdata or memory://",
    }),
  /** Where uploaded audio and exports are kept. */
  SHIFTNOTE_FILES_DIR: z.string().default("./var/files"),
  /** Serve the web playground's speak-as-anyone endpoint even when channel credentials are configured. */
  SHIFTNOTE_PLAYGROUND: flag,
  /** Prints the stack of an unexpected command-line failure. */
  SHIFTNOTE_DEBUG: flag,
  SHIFTNOTE_LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
  /** Signs sign-in links and session cookies (32+ characters). Unset: generated once and kept in var/session-secret. */
  SHIFTNOTE_SESSION_SECRET: optionalText.pipe(
    z.string().min(32, { message: "must be at least 32 characters (try: openssl rand -hex 32)" }).optional(),
  ),
  /** The address people reach Shiftnote's pages at, for the links the bot sends; default http://HOST:PORT. */
  SHIFTNOTE_PUBLIC_URL: optionalText.pipe(
    z.url({ message: "must be a URL such as https://shiftnote.example.org" }).optional(),
  ),
  OPENAI_API_KEY: optionalText,
  OPENAI_BASE_URL: optionalText.pipe(
    z.url({ message: "must be a URL such as http://127.0.0.1:8080/v1" }).optional(),
  ),
  SHIFTNOTE_LLM_MODEL: z.string().default("gpt-4o-mini"),
  SHIFTNOTE_LLM_TIMEOUT_MS: z.coerce.number().int().positive().default(8000),
  /** Voice notes: `auto` uses the platform's transcript, else whisper when its model is set, else OpenAI. */
  SHIFTNOTE_TRANSCRIBE_ENGINE: z.enum(["auto", "openai", "platform", "whisper"]).default("auto"),
  OPENAI_TRANSCRIBE_MODEL: z.string().min(1).default("gpt-4o-mini-transcribe"),
  SHIFTNOTE_TRANSCRIBE_TIMEOUT_MS: z.coerce.number().int().positive().default(60_000),
  /** A whisper.cpp ggml model file (e.g. ggml-base.en.bin) for offline transcription. */
  SHIFTNOTE_WHISPER_MODEL: optionalText,
  SHIFTNOTE_VOICE_MAX_SECONDS: z.coerce
    .number({ message: "must be a number of seconds, such as 300" })
    .positive({ message: "must be a number of seconds, such as 300" })
    .default(300),
  /** An ffmpeg binary; otherwise the system's `ffmpeg`, then the one shipped in @ffmpeg-installer/ffmpeg. */
  SHIFTNOTE_FFMPEG: optionalText,
  TEAMS_CLIENT_ID: optionalText,
  TEAMS_CLIENT_SECRET: optionalText,
  TEAMS_TENANT_ID: optionalText,
  /** A certificate instead of TEAMS_CLIENT_SECRET: the PEM certificate and its private key files. */
  TEAMS_CERTIFICATE_PEM_FILE: optionalText,
  TEAMS_CERTIFICATE_KEY_FILE: optionalText,
  TEAMS_ANONYMOUS: flag,
  /** Fetch files shared in Teams channels and group chats through Microsoft Graph (needs the app's secret and consent). */
  TEAMS_GRAPH_FILES: flag,
  /** Microsoft Graph and the Entra sign-in endpoint; tests point them at local fakes. */
  GRAPH_API_URL: optionalText.pipe(
    z.url({ message: "must be a URL such as https://graph.microsoft.com/v1.0" }).optional(),
  ),
  GRAPH_LOGIN_URL: optionalText.pipe(
    z.url({ message: "must be a URL such as https://login.microsoftonline.com" }).optional(),
  ),
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_BOT_TOKEN: optionalText,
  /** An app-level token (xapp-…, scope connections:write): Slack over Socket Mode, no public URL or signing secret. */
  SLACK_APP_TOKEN: optionalText.pipe(
    z.string().startsWith("xapp-", { message: "must be an app-level token starting xapp-" }).optional(),
  ),
  /** The Slack Web API base URL; tests point it at a local fake. */
  SLACK_API_URL: optionalText.pipe(
    z.url({ message: "must be a URL such as https://slack.com/api/" }).optional(),
  ),
});

/** The environment parsed: HOST defaults to 127.0.0.1, and `hostGiven` remembers whether it was set. */
export const configSchema = variables.transform((v) => ({
  ...v,
  HOST: v.HOST ?? "127.0.0.1",
  hostGiven: v.HOST !== undefined,
}));

export type Config = z.infer<typeof configSchema>;

/** What the web pages need: where they are reached, how sessions are signed, whether this is local mode. */
export type WebConfig = Pick<
  Config,
  | "HOST"
  | "PORT"
  | "SHIFTNOTE_PUBLIC_URL"
  | "SHIFTNOTE_SESSION_SECRET"
  | "SHIFTNOTE_PLAYGROUND"
  | "SHIFTNOTE_FILES_DIR"
  | "TEAMS_CLIENT_ID"
  | "SLACK_SIGNING_SECRET"
  | "SLACK_APP_TOKEN"
>;

/** What the Teams channel needs. */
export type TeamsConfig = Pick<
  Config,
  | "HOST"
  | "TEAMS_CLIENT_ID"
  | "TEAMS_CLIENT_SECRET"
  | "TEAMS_TENANT_ID"
  | "TEAMS_CERTIFICATE_PEM_FILE"
  | "TEAMS_CERTIFICATE_KEY_FILE"
  | "TEAMS_ANONYMOUS"
  | "TEAMS_GRAPH_FILES"
  | "GRAPH_API_URL"
  | "GRAPH_LOGIN_URL"
  | "SHIFTNOTE_LOG_LEVEL"
>;

/** What the Slack channel needs. */
export type SlackConfig = Pick<
  Config,
  "SLACK_SIGNING_SECRET" | "SLACK_BOT_TOKEN" | "SLACK_APP_TOKEN" | "SLACK_API_URL" | "SHIFTNOTE_LOG_LEVEL"
>;

/** What the playground needs to decide whether it is served. */
export type PlaygroundConfig = Pick<
  Config,
  "HOST" | "SHIFTNOTE_PLAYGROUND" | "TEAMS_CLIENT_ID" | "SLACK_SIGNING_SECRET" | "SLACK_APP_TOKEN"
>;

/** How much the channels log. */
export type LogConfig = Pick<Config, "SHIFTNOTE_LOG_LEVEL">;
