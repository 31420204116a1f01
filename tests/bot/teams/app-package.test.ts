// The Teams app package: the manifest validates against its shipped JSON schema, the icons are right, the zip is complete.
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";
import {
  checkIcons,
  fillPlaceholders,
  PackageError,
  packageTeamsApp,
  validateManifest,
} from "../../../src/bot/teams/app-package.ts";

const manifestText = readFileSync(new URL("../../../manifest/teams/manifest.json", import.meta.url), "utf8");
const version = (
  JSON.parse(readFileSync(new URL("../../../package.json", import.meta.url), "utf8")) as { version: string }
).version;

/** The file names in a zip, read from its central directory. */
function zipEntries(bytes: Buffer): string[] {
  const end = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = bytes.readUInt16LE(end + 10);
  let offset = bytes.readUInt32LE(end + 16);
  const names: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const nameLength = bytes.readUInt16LE(offset + 28);
    const extra = bytes.readUInt16LE(offset + 30);
    const comment = bytes.readUInt16LE(offset + 32);
    names.push(bytes.subarray(offset + 46, offset + 46 + nameLength).toString("utf8"));
    offset += 46 + nameLength + extra + comment;
  }
  return names;
}

/** The manifest versions whose JSON schema the installed @microsoft/app-manifest ships (1.0 … 1.30, no devPreview). */
function shippedSchemaVersions(): string[] {
  const root = dirname(createRequire(import.meta.url).resolve("@microsoft/app-manifest/package.json"));
  return readdirSync(join(root, "build", "json-schemas", "teams"))
    .filter((name) => /^v\d+\.\d+$/.test(name))
    .map((name) => name.slice(1))
    .sort((a, b) => {
      const [am = 0, an = 0] = a.split(".").map(Number);
      const [bm = 0, bn = 0] = b.split(".").map(Number);
      return am - bm || an - bn;
    });
}

const out = () => join(mkdtempSync(join(tmpdir(), "shiftnote-teams-")), "shiftnote-teams.zip");

describe("npm run package:teams", () => {
  it("writes a zip with manifest.json and both icons, the bot id and URLs filled in from the environment", async () => {
    const outFile = out();
    const clientId = "3f2b6a1c-9d4e-4c1a-8b7e-2a5f0c9d1e77";
    const { manifest } = await packageTeamsApp({
      env: { TEAMS_CLIENT_ID: clientId, SHIFTNOTE_PUBLIC_URL: "https://shiftnote.centre.example/" },
      outFile,
    });
    expect(zipEntries(readFileSync(outFile)).sort()).toEqual(["color.png", "manifest.json", "outline.png"]);
    expect(manifest).toMatchObject({
      manifestVersion: "1.30",
      version,
      id: clientId,
      developer: { privacyUrl: "https://shiftnote.centre.example/privacy" },
      bots: [{ botId: clientId, scopes: ["personal", "team", "groupChat"], supportsFiles: true }],
    });
    const bots = manifest.bots as Array<{ commandLists: Array<{ commands: Array<{ title: string }> }> }>;
    expect(bots[0]?.commandLists[0]?.commands.map((c) => c.title)).toEqual([
      "help",
      "progress",
      "queue",
      "sample",
    ]);
  });

  it("is on the newest manifest schema the installed @microsoft/app-manifest ships, and validates against it", async () => {
    const newest = shippedSchemaVersions().at(-1);
    const manifest = JSON.parse(manifestText) as Record<string, unknown>;
    expect(manifest.manifestVersion).toBe(newest);
    expect(manifest.$schema).toBe(
      `https://developer.microsoft.com/json-schemas/teams/v${newest}/MicrosoftTeams.schema.json`,
    );
    const filled = JSON.parse(fillPlaceholders(manifestText, { env: {}, allowPlaceholder: true }, version));
    expect(await validateManifest(filled)).toEqual([]);
  });

  it("offers the bot in personal chats, teams and group chats, with commands listed for each", () => {
    const manifest = JSON.parse(manifestText) as {
      bots: Array<{ scopes: string[]; commandLists: Array<{ scopes: string[] }> }>;
      permissions: string[];
    };
    const [bot] = manifest.bots;
    expect(bot?.scopes).toEqual(["personal", "team", "groupChat"]);
    expect(bot?.commandLists.flatMap((list) => list.scopes).sort()).toEqual([
      "groupChat",
      "personal",
      "team",
    ]);
    // What the README's "Run in Teams" explains, and nothing more.
    expect(manifest.permissions).toEqual(["identity", "messageTeamMembers"]);
    // Not yet: the adapter would answer a targeted (private) message in public; see the README.
    expect(bot).not.toHaveProperty("supportsTargetedMessages");
  });

  it("asks for resource-specific consent to read replies, and offers the two message actions", async () => {
    const manifest = JSON.parse(manifestText) as {
      authorization: { permissions: { resourceSpecific: Array<{ name: string; type: string }> } };
      bots: Array<{ botId: string }>;
      composeExtensions: Array<{
        botId: string;
        commands: Array<{ id: string; type: string; context: string[]; title: string; fetchTask: boolean }>;
      }>;
    };
    // Without these Teams delivers a thread reply only when it @mentions the bot (the README says what is kept).
    expect(manifest.authorization.permissions.resourceSpecific).toEqual([
      { name: "ChannelMessage.Read.Group", type: "Application" },
      { name: "ChatMessage.Read.Chat", type: "Application" },
    ]);
    const [extension] = manifest.composeExtensions;
    expect(extension?.botId).toBe(manifest.bots[0]?.botId);
    expect(extension?.commands.map((c) => [c.id, c.type, c.context, c.title, c.fetchTask])).toEqual([
      ["fileEvidence", "action", ["message"], "File as evidence", true],
      ["askWitness", "action", ["message"], "Ask a witness", true],
    ]);
  });

  it("has the personal tab My portfolio beside the chat, on the public host it names in validDomains", async () => {
    const { manifest } = await packageTeamsApp({
      env: {
        TEAMS_CLIENT_ID: "3f2b6a1c-9d4e-4c1a-8b7e-2a5f0c9d1e77",
        SHIFTNOTE_PUBLIC_URL: "https://shiftnote.centre.example/",
      },
      outFile: out(),
    });
    const tabs = manifest.staticTabs as Array<Record<string, unknown>>;
    // The chat stays the app's first tab; My portfolio opens the tab routes, which Teams alone may frame.
    expect(tabs.map((tab) => tab.entityId)).toEqual(["conversations", "portfolio", "about"]);
    expect(tabs[1]).toEqual({
      entityId: "portfolio",
      name: "My portfolio",
      contentUrl: "https://shiftnote.centre.example/tab/portfolio?signin={page.subPageId}",
      websiteUrl: "https://shiftnote.centre.example/pages",
      scopes: ["personal"],
    });
    expect(manifest.validDomains).toEqual(["shiftnote.centre.example"]);
    expect(await validateManifest(manifest)).toEqual([]);
  });

  it("fails clearly, naming each variable, when the bot id or public URL is missing", async () => {
    const attempt = packageTeamsApp({ env: {}, outFile: out() });
    await expect(attempt).rejects.toThrow(PackageError);
    await expect(attempt).rejects.toThrow(/TEAMS_CLIENT_ID: set it to the Application \(client\) ID/);
    await expect(attempt).rejects.toThrow(/SHIFTNOTE_PUBLIC_URL/);
  });

  it("builds a test package with --allow-placeholder", async () => {
    const { manifest } = await packageTeamsApp({ env: {}, allowPlaceholder: true, outFile: out() });
    expect(manifest.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("fails on any schema error, listing them all", async () => {
    const broken = manifestText
      .replace('"scopes": ["personal", "team", "groupChat"]', '"scopes": ["everywhere"]')
      .replace('"accentColor": "#1F6FB2"', '"accentColor": "blue"');
    const attempt = packageTeamsApp({
      env: {},
      allowPlaceholder: true,
      outFile: out(),
      manifestText: broken,
    });
    await expect(attempt).rejects.toThrow(/\/bots\/0\/scopes\/0 must be equal to one of the allowed values/);
    await expect(attempt).rejects.toThrow(/\/accentColor/);
    // A bot id that is not a GUID is a schema error too.
    await expect(
      packageTeamsApp({
        env: { TEAMS_CLIENT_ID: "my-bot", SHIFTNOTE_PUBLIC_URL: "https://x.example" },
        outFile: out(),
      }),
    ).rejects.toThrow(/\/bots\/0\/botId must match pattern/);
  });

  it("checks the icons: 192×192 colour, 32×32 white-on-transparent outline", () => {
    const icons = new URL("../../../manifest/teams/", import.meta.url);
    const color = readFileSync(new URL("color.png", icons));
    const outline = readFileSync(new URL("outline.png", icons));
    expect(checkIcons(color, outline)).toEqual([]);
    const outlinePng = PNG.sync.read(outline);
    expect(outlinePng.data.some((_, i) => i % 4 === 3 && outlinePng.data[i] === 0)).toBe(true);

    const square = (size: number, rgba: [number, number, number, number]) => {
      const png = new PNG({ width: size, height: size });
      for (let i = 0; i < png.data.length; i += 4) png.data.set(rgba, i);
      return PNG.sync.write(png);
    };
    expect(checkIcons(square(64, [0, 0, 0, 255]), square(32, [255, 0, 0, 255]))).toEqual([
      "color.png must be 192×192 pixels (it is 64×64)",
      "outline.png must have a transparent background",
      "outline.png must be white only (1024 pixels are not)",
    ]);
  });
});
