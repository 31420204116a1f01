// Files shared in a Teams channel or group chat, fetched through Microsoft Graph when the app is given the permission.
import type { Activity } from "@microsoft/agents-activity";
import type { TeamsConfig } from "../../core/config.ts";
import { downloadFile } from "../channel-download.ts";
import { type DownloadPolicy, graphDownloadPolicy } from "../download-policy.ts";
import type { IncomingFile } from "../types.ts";
import { mimeFromName } from "./attachments.ts";

export const GRAPH_API = "https://graph.microsoft.com/v1.0";
const GRAPH_LOGIN = "https://login.microsoftonline.com";
const GRAPH_SCOPE = "https://graph.microsoft.com/.default";
/** Files taken from one message, as from any other channel. */
const MAX_FILES = 5;

/** Reads a message's files through Graph; `filesOf` answers [] when it finds none it may fetch. */
export interface GraphFiles {
  filesOf(activity: Activity): Promise<IncomingFile[]>;
}

/** Why Graph is not used, in one log line, or the client when it is set up. */
export function graphFilesFrom(config: TeamsConfig): { files?: GraphFiles; problem?: string } {
  if (!config.TEAMS_GRAPH_FILES) return {};
  const { TEAMS_CLIENT_ID: clientId, TEAMS_CLIENT_SECRET: secret, TEAMS_TENANT_ID: tenant } = config;
  if (!clientId || !secret || !tenant)
    return {
      problem:
        "TEAMS_GRAPH_FILES=1 needs TEAMS_CLIENT_ID, TEAMS_CLIENT_SECRET and TEAMS_TENANT_ID (a certificate is not used for Graph); files shared in channels and group chats get the how-to-send reply instead.",
    };
  return {
    files: graphFiles({
      apiUrl: (config.GRAPH_API_URL ?? GRAPH_API).replace(/\/+$/, ""),
      loginUrl: (config.GRAPH_LOGIN_URL ?? GRAPH_LOGIN).replace(/\/+$/, ""),
      clientId,
      secret,
      tenant,
    }),
  };
}

interface GraphSettings {
  apiUrl: string;
  loginUrl: string;
  clientId: string;
  secret: string;
  tenant: string;
}

/** The app's own Graph token (client credentials), kept until a minute before it expires. */
function tokens(settings: GraphSettings) {
  let cached: { token: string; until: number } | undefined;
  return async (): Promise<string> => {
    if (cached && cached.until > Date.now()) return cached.token;
    const response = await fetch(
      `${settings.loginUrl}/${encodeURIComponent(settings.tenant)}/oauth2/v2.0/token`,
      {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({
          client_id: settings.clientId,
          client_secret: settings.secret,
          scope: GRAPH_SCOPE,
          grant_type: "client_credentials",
        }).toString(),
        redirect: "error",
        signal: AbortSignal.timeout(15_000),
      },
    );
    const body = (await response.json().catch(() => ({}))) as {
      access_token?: unknown;
      expires_in?: unknown;
    };
    if (!response.ok || typeof body.access_token !== "string")
      throw new Error(`Microsoft sign-in refused the app's Graph token (HTTP ${response.status}).`);
    const seconds = typeof body.expires_in === "number" ? body.expires_in : 3600;
    cached = { token: body.access_token, until: Date.now() + Math.max(0, seconds - 60) * 1000 };
    return cached.token;
  };
}

/** The Graph address of the message an activity is: a channel post or reply, or a group chat message. */
export function messagePath(activity: Activity): string | undefined {
  const id = activity.id;
  const conversation = activity.conversation;
  if (!id || !conversation?.id) return undefined;
  const e = encodeURIComponent;
  if (conversation.conversationType === "groupChat") return `/chats/${e(conversation.id)}/messages/${e(id)}`;
  if (conversation.conversationType !== "channel") return undefined;
  const data = activity.channelData as
    | { team?: { aadGroupId?: unknown }; channel?: { id?: unknown } }
    | undefined;
  const team = data?.team?.aadGroupId;
  const channel = data?.channel?.id;
  if (typeof team !== "string" || typeof channel !== "string") return undefined;
  const root = /;messageid=(\d+)/.exec(conversation.id)?.[1] ?? id;
  const base = `/teams/${e(team)}/channels/${e(channel)}/messages/${e(root)}`;
  return root === id ? base : `${base}/replies/${e(id)}`;
}

interface GraphMessage {
  body?: { content?: unknown };
  attachments?: Array<{ contentType?: unknown; contentUrl?: unknown; name?: unknown }>;
}

/** `u!` + base64url of a sharing URL: how Graph's /shares names a file by its SharePoint address. */
const shareId = (url: string) => `u!${Buffer.from(url).toString("base64url")}`;

export function graphFiles(settings: GraphSettings): GraphFiles {
  const token = tokens(settings);
  const policy: DownloadPolicy = graphDownloadPolicy(settings.apiUrl);
  const fetchFrom = (url: string) => async () => downloadFile(url, { policy, token: await token() });
  return {
    async filesOf(activity) {
      const path = messagePath(activity);
      if (!path) return [];
      const response = await fetch(`${settings.apiUrl}${path}`, {
        headers: { authorization: `Bearer ${await token()}` },
        redirect: "error",
        signal: AbortSignal.timeout(15_000),
      });
      if (!response.ok) {
        await response.body?.cancel();
        return [];
      }
      const message = (await response.json()) as GraphMessage;
      const files: IncomingFile[] = [];
      // A file uploaded with the message: a reference to SharePoint, read through Graph's /shares (Files.Read.All).
      for (const attachment of message.attachments ?? []) {
        if (attachment.contentType !== "reference" || typeof attachment.contentUrl !== "string") continue;
        const name = typeof attachment.name === "string" && attachment.name ? attachment.name : "file";
        const mimeType = mimeFromName(name);
        const url = `${settings.apiUrl}/shares/${shareId(attachment.contentUrl)}/driveItem/content`;
        files.push({ name, ...(mimeType ? { mimeType } : {}), fetch: fetchFrom(url) });
      }
      // A picture pasted into the message: its hosted content, readable with the resource-specific consent.
      const html = typeof message.body?.content === "string" ? message.body.content : "";
      let n = 0;
      for (const match of html.matchAll(/src="([^"]+\/hostedContents\/[^"/]+\/\$value)"/g)) {
        const url = (match[1] ?? "").replace(/&amp;/g, "&");
        n += 1;
        const name = `pasted picture ${n}.png`;
        files.push({ name, mimeType: "image/png", fetch: fetchFrom(url) });
      }
      return files.slice(0, MAX_FILES);
    },
  };
}
