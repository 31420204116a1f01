// The Teams personal tab over HTTP: only its routes may be framed, and only by Teams; it signs in inside the frame.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEAMS_FRAME_ANCESTORS } from "../../src/web/security-headers.ts";
import { signLink, signLinkToken } from "../../src/web/signed-link.ts";
import { type PagesApp, startPagesApp } from "./app.ts";

const TAB_FRAMING = `frame-ancestors 'self' ${TEAMS_FRAME_ANCESTORS.join(" ")}`;

function harness(get: () => PagesApp) {
  const open = (path: string, cookie?: string) =>
    fetch(`${get().base}${path}`, { redirect: "manual", headers: cookie ? { cookie } : {} });
  /** The tab's sign-in form, as a browser inside Teams' frame posts it (from our own origin). */
  const post = (path: string, token: string) =>
    fetch(`${get().base}${path}`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: get().base },
      body: new URLSearchParams({ token }).toString(),
    });
  const cookieOf = (res: Response) => (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  return { open, post, cookieOf };
}

describe("the Teams tab on a server reached over https", () => {
  let app: PagesApp;
  const { open, post, cookieOf } = harness(() => app);
  beforeAll(async () => {
    app = await startPagesApp({ SHIFTNOTE_PUBLIC_URL: "https://shiftnote.centre.example" });
  });
  afterAll(() => app.close());

  it("lets Teams frame the tab, and only the tab: every other page still refuses any frame", async () => {
    const tab = await open("/tab/portfolio");
    expect(tab.status).toBe(200);
    const csp = tab.headers.get("content-security-policy") ?? "";
    expect(csp).toContain(TAB_FRAMING);
    expect(csp).not.toContain("frame-ancestors 'none'");
    expect(tab.headers.get("x-frame-options")).toBeNull();
    const text = await tab.text();
    expect(text).toContain("Sign in to Shiftnote");
    expect(text).toContain("<kbd>link</kbd>");
    expect(text).toContain('action="/tab/auth/link"');

    for (const path of [
      "/pages",
      "/pages/queue",
      "/auth/link?token=x",
      `/pages/candidates/${app.id("amira")}`,
    ]) {
      const page = await open(path);
      expect(page.headers.get("content-security-policy"), path).toContain("frame-ancestors 'none'");
      expect(page.headers.get("x-frame-options"), path).toBe("DENY");
    }
  });

  it("signs Amira in inside the frame from the bot's deep link, with a cookie a frame may send, and opens her portfolio", async () => {
    const amira = app.id("amira");
    const token = signLinkToken(amira, app.config);
    const entry = await open(`/tab/portfolio?signin=${encodeURIComponent(token)}`);
    expect(entry.status).toBe(303);
    expect(entry.headers.get("location")).toBe(`/tab/auth/link?token=${encodeURIComponent(token)}`);
    const button = await open(entry.headers.get("location") ?? "");
    expect(button.headers.get("content-security-policy")).toContain(TAB_FRAMING);
    const page = await button.text();
    expect(page).toContain("Open Shiftnote as Amira Hussain");
    expect(page).toContain('action="/tab/auth/link"');

    const signedIn = await post("/tab/auth/link", token);
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.get("location")).toBe("/tab/portfolio");
    const setCookie = signedIn.headers.get("set-cookie") ?? "";
    expect(setCookie).toMatch(/SameSite=None/i);
    expect(setCookie).toMatch(/; Secure/i);
    expect(setCookie).toMatch(/Partitioned/i);
    expect(setCookie).toMatch(/HttpOnly/i);
    const cookie = cookieOf(signedIn);

    const home = await open("/tab/portfolio", cookie);
    expect(home.status).toBe(303);
    expect(home.headers.get("location")).toBe(`/tab/pages/candidates/${amira}`);
    const portfolio = await open(`/tab/pages/candidates/${amira}`, cookie);
    expect(portfolio.status).toBe(200);
    expect(portfolio.headers.get("content-security-policy")).toContain(TAB_FRAMING);
    expect(portfolio.headers.get("x-frame-options")).toBeNull();
    const html = await portfolio.text();
    expect(html).toContain("Amira Hussain");
    expect(html).toContain("What you still need");
    // Every link stays in the tab, so the next page is framed too.
    expect(html).toMatch(new RegExp(`href="/tab/pages/candidates/${amira}/evidence/E\\d+"`));
    expect(html).not.toMatch(/href="\/pages\/(?!assets\/)/);
    const ref = /evidence\/(E\d+)"/.exec(html)?.[1] ?? "";
    const evidence = await open(`/tab/pages/candidates/${amira}/evidence/${ref}`, cookie);
    expect(evidence.status).toBe(200);
    expect(evidence.headers.get("content-security-policy")).toContain(TAB_FRAMING);
  });

  it("shows nobody else's pages in Amira's tab, and sends a signed-out tab to its sign-in page", async () => {
    const signedIn = await post("/tab/auth/link", signLinkToken(app.id("amira"), app.config));
    const cookie = cookieOf(signedIn);
    const sam = await open(`/tab/pages/candidates/${app.id("sam")}`, cookie);
    expect(sam.status).toBe(404);
    expect(await sam.text()).not.toContain("Sam Walsh");
    expect((await open("/tab/pages/queue", cookie)).status).toBe(404);
    const signedOut = await open(`/tab/pages/candidates/${app.id("amira")}`);
    expect(signedOut.status).toBe(303);
    expect(signedOut.headers.get("location")).toBe("/tab/portfolio");
  });

  it("takes a whole sign-in link pasted into the tab, and opens an assessor's queue", async () => {
    const signedIn = await post("/tab/auth/link", signLink(app.id("priya"), app.config));
    expect(signedIn.status).toBe(303);
    const home = await open("/tab/portfolio", cookieOf(signedIn));
    expect(home.headers.get("location")).toBe("/tab/pages/queue");
    const queue = await open("/tab/pages/queue", cookieOf(signedIn));
    expect(queue.status).toBe(200);
    expect(await queue.text()).toContain("Assessment queue");
  });

  it("keeps the browser's own sign-in cookie SameSite=Lax", async () => {
    const res = await post("/auth/link", signLinkToken(app.id("priya"), app.config));
    expect(res.status).toBe(303);
    expect(res.headers.get("set-cookie")).toMatch(/SameSite=Lax/i);
    expect(res.headers.get("set-cookie")).not.toMatch(/SameSite=None|Partitioned/i);
  });
});

describe("the Teams tab over plain http", () => {
  let app: PagesApp;
  const { post } = harness(() => app);
  beforeAll(async () => {
    app = await startPagesApp();
  });
  afterAll(() => app.close());

  it("never sets SameSite=None without https (a browser would refuse it anyway)", async () => {
    const res = await post("/tab/auth/link", signLinkToken(app.id("amira"), app.config));
    expect(res.status).toBe(303);
    const cookie = res.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/SameSite=None|Secure|Partitioned/i);
  });
});
