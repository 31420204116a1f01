// Files a channel hands us are fetched only from that platform's file hosts, never redirected elsewhere, size checked first.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { slackFiles } from "../../src/bot/slack/files.ts";
import { attachmentsToFiles } from "../../src/bot/teams/attachments.ts";
import { isAppError } from "../../src/core/errors.ts";

/** A file server that counts what it is asked for: `home` plays the platform, `away` somewhere else. */
async function fileServer(
  name: string,
  routes: (url: string) => { status: number; headers?: Record<string, string>; body?: Buffer },
) {
  const seen: string[] = [];
  const server: Server = createServer((req, res) => {
    seen.push(`${name} ${req.url}`);
    const route = routes(req.url ?? "/");
    res.writeHead(route.status, route.headers ?? {});
    res.end(route.body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { server, origin, seen };
}

let home: Awaited<ReturnType<typeof fileServer>>;
let away: Awaited<ReturnType<typeof fileServer>>;
const bytes = Buffer.from([1, 2, 3, 4]);

beforeAll(async () => {
  away = await fileServer("away", () => ({ status: 200, body: Buffer.from("secret metadata") }));
  home = await fileServer("home", (url) => {
    if (url === "/files/note.m4a") return { status: 200, body: bytes };
    if (url === "/files/moved") return { status: 302, headers: { location: "/files/note.m4a" } };
    if (url === "/files/elsewhere")
      return { status: 302, headers: { location: `${away.origin}/latest/meta-data` } };
    return { status: 404 };
  });
});
afterAll(async () => {
  for (const s of [home, away]) await new Promise<void>((resolve) => s.server.close(() => resolve()));
});
beforeEach(() => {
  home.seen.length = 0;
  away.seen.length = 0;
});

const refusal = async (promise: Promise<unknown> | undefined) => {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  return undefined;
};

describe("Teams attachments", () => {
  const source = () => ({ serviceUrl: `${home.origin}/`, getToken: async () => "bot-token" });
  const upload = (downloadUrl: string) =>
    attachmentsToFiles(
      [
        {
          contentType: "application/vnd.microsoft.teams.file.download.info",
          name: "note.m4a",
          content: { downloadUrl, fileType: "m4a" },
        },
      ],
      source(),
    )[0];
  const inline = (contentUrl: string) =>
    attachmentsToFiles([{ contentType: "audio/mp4", contentUrl, name: "note.m4a" }], source())[0];

  it("downloads from the connector's own host, following a redirect that stays there", async () => {
    expect(Array.from((await upload(`${home.origin}/files/note.m4a`)?.fetch?.()) ?? [])).toEqual([
      1, 2, 3, 4,
    ]);
    expect(Array.from((await inline(`${home.origin}/files/moved`)?.fetch?.()) ?? [])).toEqual([1, 2, 3, 4]);
  });

  it("never fetches a download URL on a host Teams does not use for files", async () => {
    const error = await refusal(upload(`${away.origin}/latest/meta-data`)?.fetch?.());
    expect(isAppError(error)).toBe(true);
    expect((error as Error).message).toMatch(/Teams doesn't use for files.*send it again/);
    expect(away.seen).toEqual([]);
  });

  it("does not follow a redirect from the platform's host to anywhere else", async () => {
    const error = await refusal(inline(`${home.origin}/files/elsewhere`)?.fetch?.());
    expect(isAppError(error)).toBe(true);
    expect(home.seen).toEqual(["home /files/elsewhere"]);
    expect(away.seen).toEqual([]);
  });
});

describe("Slack files", () => {
  const source = () => ({
    botToken: "xoxb-test",
    apiUrl: `${home.origin}/api/`,
    fileInfo: async () => undefined,
  });

  it("never fetches a file URL outside Slack's file hosts", async () => {
    const [file] = slackFiles(
      [{ id: "F1", name: "clip.webm", url_private_download: `${away.origin}/x` }],
      source(),
    );
    const error = await refusal(file?.fetch?.());
    expect(isAppError(error)).toBe(true);
    expect(away.seen).toEqual([]);
  });

  it("refuses a file Slack says is over the size limit before asking for a byte of it", async () => {
    const [file] = slackFiles(
      [
        {
          id: "F2",
          name: "long.webm",
          size: 200 * 1024 * 1024,
          url_private_download: `${home.origin}/files/note.m4a`,
        },
      ],
      source(),
    );
    const error = await refusal(file?.fetch?.());
    expect(error).toMatchObject({ code: "too_large" });
    expect(home.seen).toEqual([]);
  });
});
