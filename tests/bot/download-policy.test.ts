// The hosts each platform keeps files on: whole host names over https, and the one origin the channel already trusts.
import { describe, expect, it } from "vitest";
import { slackDownloadPolicy, teamsDownloadPolicy } from "../../src/bot/download-policy.ts";
import { isTrustedHost } from "../../src/bot/teams/attachments.ts";

const allows = (policy: ReturnType<typeof teamsDownloadPolicy>, url: string) => policy.allows(new URL(url));

describe("download policies", () => {
  const teams = teamsDownloadPolicy("https://smba.trafficmanager.net/emea/");
  const slack = slackDownloadPolicy("https://slack.com/api/");

  it.each([
    "https://smba.trafficmanager.net/emea/v3/attachments/abc/views/original",
    "https://contoso.sharepoint.com/personal/kim/_layouts/15/download.aspx?UniqueId=1",
    "https://contoso-my.sharepoint.com/x",
    "https://eu-api.asm.skype.com/v1/objects/0-weu-d1-abc/views/original",
    "https://graph.microsoft.com/v1.0/drives/x/items/y/content",
  ])("Teams may download %s", (url) => expect(allows(teams, url)).toBe(true));

  it.each([
    "http://169.254.169.254/latest/meta-data/",
    "http://127.0.0.1:5432/",
    "http://contoso.sharepoint.com/x",
    "https://contoso.sharepoint.com:8443/x",
    "https://evil.trafficmanager.net/x",
    "https://sharepoint.com.evil.example/x",
    "https://evilsharepoint.com/x",
    "https://user:pass@contoso.sharepoint.com/x",
    "file:///etc/passwd",
    "https://files.slack.com/files-pri/T1-F1/clip.webm",
  ])("Teams may not download %s", (url) => expect(allows(teams, url)).toBe(false));

  it.each([
    "https://files.slack.com/files-pri/T1-F1/clip.webm",
    "https://files-edu.slack.com/files-pri/T1-F1/clip.webm",
    "https://a.slack-edge.com/x.png",
    "https://slack.com/api/files.info",
  ])("Slack may download %s", (url) => expect(allows(slack, url)).toBe(true));

  it.each([
    "https://slack.com.evil.example/x",
    "https://evil.example/files.slack.com/x",
    "https://files.slack.com@evil.example/x",
    "http://files.slack.com/x",
    "https://contoso.sharepoint.com/x",
  ])("Slack may not download %s", (url) => expect(allows(slack, url)).toBe(false));

  it("trusts the channel's own origin exactly: scheme, host and port", () => {
    const local = teamsDownloadPolicy("http://127.0.0.1:4000/");
    expect(allows(local, "http://127.0.0.1:4000/files/a")).toBe(true);
    expect(allows(local, "http://127.0.0.1:4001/files/a")).toBe(false);
    expect(allows(local, "https://127.0.0.1:4000/files/a")).toBe(false);
  });

  it("sends the bot's Teams token only to Microsoft's connector hosts by their whole name", () => {
    expect(isTrustedHost("https://smba.trafficmanager.net/emea/v3/x", undefined)).toBe(true);
    expect(isTrustedHost("https://eu-api.asm.skype.com/v1/objects/x", undefined)).toBe(true);
    expect(isTrustedHost("https://evil.trafficmanager.net/x", undefined)).toBe(false);
    expect(isTrustedHost("https://evilsmba.trafficmanager.net/x", undefined)).toBe(false);
    expect(isTrustedHost("https://evilbotframework.com/x", undefined)).toBe(false);
    expect(isTrustedHost("http://smba.trafficmanager.net/x", undefined)).toBe(false);
  });
});
