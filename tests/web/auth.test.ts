// Sign-in without a password: signed links, the session cookie, refusals, sign-out and the local-mode demo page.
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/app/config.ts";
import { sessionSecret } from "../../src/web/auth/secret.ts";
import { signToken } from "../../src/web/auth/tokens.ts";
import { safeDestination, signLink, verifyLink } from "../../src/web/signed-link.ts";
import { type PagesApp, startPagesApp, TEST_SECRET } from "./app.ts";

const config = loadConfig({
  SHIFTNOTE_SESSION_SECRET: TEST_SECRET,
  SHIFTNOTE_PUBLIC_URL: "https://shiftnote.example.org/",
});
const tokenOf = (url: string) => new URL(url).searchParams.get("token") ?? "";

describe("signed links", () => {
  it("point at SHIFTNOTE_PUBLIC_URL and name the person until they expire", () => {
    const url = signLink("person-1", config, 60, { now: Date.UTC(2025, 10, 24, 9) });
    expect(url).toMatch(/^https:\/\/shiftnote\.example\.org\/auth\/link\?token=[\w-]+\.[\w-]+$/);
    const at = (minutes: number) => Date.UTC(2025, 10, 24, 9, minutes);
    expect(verifyLink(tokenOf(url), config, at(0))).toMatchObject({ ok: true, payload: { p: "person-1" } });
    expect(verifyLink(tokenOf(url), config, at(2))).toEqual({ ok: false, reason: "expired" });
  });

  it("refuses a changed token, one signed with another key, a session token and a cut-short one", () => {
    const token = tokenOf(signLink("person-1", config));
    const [body, mac] = token.split(".") as [string, string];
    const forged = Buffer.from(JSON.stringify({ p: "someone-else", n: "x", exp: 9e9 })).toString("base64url");
    expect(verifyLink(`${forged}.${mac}`, config)).toEqual({ ok: false, reason: "tampered" });
    expect(verifyLink(`${body}.${mac.slice(0, -2)}AA`, config)).toEqual({ ok: false, reason: "tampered" });
    const other = loadConfig({ SHIFTNOTE_SESSION_SECRET: "another-secret-another-secret-another" });
    expect(verifyLink(token, other)).toEqual({ ok: false, reason: "tampered" });
    const session = signToken(
      sessionSecret(config),
      "session",
      { p: "person-1", s: "x" },
      Date.now() / 1000 + 60,
    );
    expect(verifyLink(session, config)).toEqual({ ok: false, reason: "tampered" });
    expect(verifyLink(body, config)).toEqual({ ok: false, reason: "malformed" });
    expect(verifyLink("", config)).toEqual({ ok: false, reason: "malformed" });
  });

  it("only ever sends people on to pages of this site", () => {
    expect(safeDestination("/pages/queue")).toBe("/pages/queue");
    expect(safeDestination("/pages/candidates/abc/units/205")).toBe("/pages/candidates/abc/units/205");
    for (const bad of [
      "https://evil.example",
      "//evil.example/pages",
      "/pages//evil",
      "/api/standards",
      "javascript:x",
      "/pages/../auth/link",
      "/pages/..",
      "/pages/a/../../auth/sign-out",
      "/pages/./queue",
      "/pages/%2e%2e/auth/link",
      "/pages/%2E%2e/auth",
      "/pages/%2fevil",
      "/pages\\evil",
    ])
      expect(safeDestination(bad)).toBeUndefined();
  });

  it("generates a secret once into a private file when none is configured, and reuses it", () => {
    const dir = mkdtempSync(join(tmpdir(), "shiftnote-secret-"));
    try {
      const file = join(dir, "var", "session-secret");
      const plain = loadConfig({});
      const first = sessionSecret(plain, file);
      expect(first.length).toBeGreaterThanOrEqual(32);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(readFileSync(file, "utf8").trim()).toBe(first.toString("utf8"));
      expect(sessionSecret(plain, file).equals(first)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("rejects a configured secret that is too short, naming the variable", () => {
    expect(() => loadConfig({ SHIFTNOTE_SESSION_SECRET: "short" })).toThrow(
      /SHIFTNOTE_SESSION_SECRET must be at least 32/,
    );
    expect(() => loadConfig({ SHIFTNOTE_PUBLIC_URL: "not a url" })).toThrow(/SHIFTNOTE_PUBLIC_URL/);
  });
});

describe("sessions over HTTP", () => {
  let app: PagesApp;
  beforeAll(async () => {
    app = await startPagesApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  const open = (url: string, cookie?: string) =>
    fetch(url.replace(/^https?:\/\/[^/]+/, app.base), {
      redirect: "manual",
      headers: cookie ? { cookie } : {},
    });
  /** Presses the sign-in page's button: posts the link's token. */
  const signIn = (url: string, headers: Record<string, string> = {}) =>
    fetch(`${app.base}/auth/link`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
      body: new URLSearchParams({ token: tokenOf(url) }).toString(),
    });

  it("opens a page that signs in from its button, so a chat app's link preview spends nothing", async () => {
    const url = signLink(app.id("priya"), app.config, 60);
    for (let visit = 0; visit < 2; visit++) {
      const page = await open(url);
      expect(page.status).toBe(200);
      expect(page.headers.get("set-cookie")).toBeNull();
      expect(page.headers.get("referrer-policy")).toBe("no-referrer");
      const text = await page.text();
      expect(text).toContain("Open Shiftnote as Priya Shah");
      expect(text).toContain("It works once");
    }
    expect((await signIn(url)).status).toBe(303);
  });

  it("signs in once per link: a second use is refused and says what to do", async () => {
    const url = signLink(app.id("priya"), app.config);
    const first = await signIn(url);
    expect(first.status).toBe(303);
    const again = await signIn(url);
    expect(again.status).toBe(401);
    expect(again.headers.get("set-cookie")).toBeNull();
    expect(await again.text()).toContain("This sign-in link has been used");
    expect((await open(url)).status).toBe(200);
  });

  it("refuses a sign-in form posted from another site", async () => {
    const url = signLink(app.id("priya"), app.config);
    const res = await signIn(url, { origin: "https://evil.example" });
    expect(res.status).toBe(403);
    expect(res.headers.get("set-cookie")).toBeNull();
    expect((await signIn(url)).status).toBe(303);
  });

  it("turns a signed link into an HttpOnly, SameSite=Lax, expiring session cookie and sends the person on", async () => {
    const res = await signIn(signLink(app.id("priya"), app.config, 60, { to: "/pages/queue" }));
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/pages/queue");
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    const cookie = res.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/^shiftnote_session=[\w-]+\.[\w-]+;/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Max-Age=28800/);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).not.toMatch(/Secure/); // plain http on this machine; Secure when SHIFTNOTE_PUBLIC_URL is https
    const queue = await open(`${app.base}/pages/queue`, cookie.split(";")[0]);
    expect(queue.status).toBe(200);
    expect(await queue.text()).toContain("Assessment queue");
  });

  it("refuses expired and tampered links with a page that says what to do", async () => {
    const expired = await open(signLink(app.id("priya"), app.config, -1));
    expect(expired.status).toBe(401);
    expect(expired.headers.get("set-cookie")).toBeNull();
    expect(await expired.text()).toContain("This sign-in link has expired");
    const token = tokenOf(signLink(app.id("priya"), app.config));
    const tampered = await open(`${app.base}/auth/link?token=${token.slice(0, -3)}xyz`);
    expect(tampered.status).toBe(400);
    expect(await tampered.text()).toContain("This sign-in link is not valid");
    const nobody = await open(signLink("no-such-person", app.config));
    expect(nobody.status).toBe(401);
    expect((await signIn(signLink(app.id("priya"), app.config, -1))).status).toBe(401);
    expect((await signIn(`${app.base}/auth/link?token=${token.slice(0, -3)}xyz`)).status).toBe(400);
  });

  it("asks for a sign-in without a session, and ignores a forged cookie", async () => {
    const none = await open(`${app.base}/pages/queue`);
    expect(none.status).toBe(401);
    expect(await none.text()).toContain("Please sign in");
    const forged = signToken(
      Buffer.from("not-the-secret-not-the-secret-xx"),
      "session",
      { p: app.id("priya"), s: "x" },
      9e9,
    );
    expect((await open(`${app.base}/pages/queue`, `shiftnote_session=${forged}`)).status).toBe(401);
  });

  it("signs out only with the page's own form token", async () => {
    const res = await signIn(signLink(app.id("priya"), app.config));
    const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const withoutToken = await fetch(`${app.base}/auth/sign-out`, {
      method: "POST",
      headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
      body: "",
    });
    expect(withoutToken.status).toBe(403);
    const home = await (await open(`${app.base}/pages`, cookie)).text();
    const csrf = /name="_csrf" value="([^"]+)"/.exec(home)?.[1] ?? "";
    const out = await fetch(`${app.base}/auth/sign-out`, {
      method: "POST",
      headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
      body: `_csrf=${encodeURIComponent(csrf)}`,
    });
    expect(out.status).toBe(200);
    expect(out.headers.get("set-cookie")).toMatch(/shiftnote_session=;.*Expires=Thu, 01 Jan 1970/);
  });

  it("lists the demo people in local mode, each with a button that signs them in", async () => {
    const demo = await open(`${app.base}/pages/demo`);
    expect(demo.status).toBe(200);
    const html = await demo.text();
    expect(html).toContain("Open as Priya Shah");
    const token = /name="token" value="([^"]+)"/.exec(html)?.[1] ?? "";
    expect((await signIn(`${app.base}/auth/link?token=${token}`)).status).toBe(303);
    expect((await open(`${app.base}/pages`)).headers.get("location")).toBe("/pages/demo");
  });
});

describe("outside local mode", () => {
  let app: PagesApp;
  beforeAll(async () => {
    app = await startPagesApp({ SLACK_SIGNING_SECRET: "slack-secret", SLACK_BOT_TOKEN: "xoxb-test" });
  });
  afterAll(async () => {
    await app?.close();
  });

  it("has no demo page and asks people to sign in with the bot's link", async () => {
    const demo = await fetch(`${app.base}/pages/demo`);
    expect(demo.status).toBe(404);
    const home = await fetch(`${app.base}/pages`, { redirect: "manual" });
    expect(home.status).toBe(401);
    expect(await home.text()).not.toContain("/pages/demo");
  });
});
