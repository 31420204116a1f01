// Where each platform keeps the files people send, so a download goes there and nowhere else (no fetching any URL).

/** Which URLs a channel's files may be downloaded from. */
export interface DownloadPolicy {
  /** "Teams" or "Slack", for the message people see. */
  platform: string;
  allows(url: URL): boolean;
}

/**
 * Microsoft's hosts for files sent to a bot: the Bot Connector and its attachment store (inline audio and images),
 * SharePoint and OneDrive (file uploads' pre-authorised download URLs), Graph, and their government clouds.
 * A leading dot means the host or any name under it; otherwise the name exactly.
 */
export const TEAMS_FILE_HOSTS = [
  "smba.trafficmanager.net",
  ".botframework.com",
  ".botframework.us",
  ".teams.microsoft.com",
  ".teams.microsoft.us",
  ".asm.skype.com",
  ".sharepoint.com",
  ".sharepoint.us",
  ".sharepoint-mil.us",
  "onedrive.live.com",
  ".1drv.com",
  ".1drv.ms",
  ".livefilestore.com",
  "graph.microsoft.com",
  "graph.microsoft.us",
] as const;

/** Slack's hosts for private files (url_private, url_private_download) and their CDN. */
export const SLACK_FILE_HOSTS = [".slack.com", ".slack-edge.com", "slack-files.com"] as const;

/** True when `host` is a listed name, or under a listed ".suffix". */
export function hostListed(host: string, list: readonly string[]): boolean {
  const name = host.toLowerCase().replace(/\.$/, "");
  return list.some((entry) =>
    entry.startsWith(".") ? name === entry.slice(1) || name.endsWith(entry) : name === entry,
  );
}

/**
 * The platform's hosts over https, plus one origin the channel already trusts with its token (Teams: the
 * activity's serviceUrl, which the SDK replies to; Slack: the configured Web API), matched exactly: scheme,
 * host and port. That origin is how tests and local fakes serve files.
 */
function policy(
  platform: string,
  hosts: readonly string[],
  trustedOrigin: string | undefined,
): DownloadPolicy {
  let origin: string | undefined;
  try {
    origin = trustedOrigin ? new URL(trustedOrigin).origin : undefined;
  } catch {
    origin = undefined;
  }
  return {
    platform,
    allows(url) {
      if (url.username || url.password) return false;
      if (origin && url.origin === origin) return true;
      return (
        url.protocol === "https:" &&
        (url.port === "" || url.port === "443") &&
        hostListed(url.hostname, hosts)
      );
    },
  };
}

export const teamsDownloadPolicy = (serviceUrl: string | undefined): DownloadPolicy =>
  policy("Teams", TEAMS_FILE_HOSTS, serviceUrl);

export const slackDownloadPolicy = (apiUrl: string): DownloadPolicy =>
  policy("Slack", SLACK_FILE_HOSTS, apiUrl);

/** Graph (and SharePoint, where a file's content redirects to), plus the configured Graph address itself. */
export const graphDownloadPolicy = (graphApiUrl: string): DownloadPolicy =>
  policy("Teams", TEAMS_FILE_HOSTS, graphApiUrl);
