// Rate limits on sign-in links and the playground, per address and per person; HSTS and the CSP from helmet.
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/app/config.ts";
import { createApp } from "../../src/app/server.ts";
import { buildProduct, type Product } from "../../src/app/wiring.ts";
import { RateLimiter } from "../../src/web/rate-limit.ts";
import { signLinkPath } from "../../src/web/signed-link.ts";
import { type PagesApp, startPagesApp } from "./app.ts";

const CSP =
  "default-src 'self';script-src 'self';style-src 'self';img-src 'self' data:;media-src 'self';form-action 'self';frame-ancestors 'none';base-uri 'none';object-src 'none'";

describe("the token bucket", () => {
  it("allows a burst, then one try per refill, and says how long to wait", () => {
    let now = 0;
    const limiter = new RateLimiter({ burst: 3, perMinute: 6 }, () => now);
    expect([1, 2, 3].map(() => limiter.take("a"))).toEqual([undefined, undefined, undefined]);
    expect(limiter.take("a")).toBe(10);
    expect(limiter.take("b")).toBeUndefined();
    now = 10_000;
    expect(limiter.take("a")).toBeUndefined();
    expect(limiter.take("a")).toBe(10);
  });
});

describe("sign-in links are rate limited", () => {
  let app: PagesApp;
  beforeAll(async () => {
    app = await startPagesApp();
  });
  afterAll(() => app.close());

  it("per person, then per address, with 429, Retry-After and a page saying to wait", async () => {
    const open = (personKey: string) =>
      fetch(`${app.base}${signLinkPath(app.id(personKey), app.config)}`, { redirect: "manual" });
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await open("priya")).status);
    expect(statuses.slice(0, 10).every((s) => s === 200)).toBe(true);
    const limited = await open("priya");
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await limited.text()).toMatch(/Please wait .*then try again/);
    // Someone else's link still opens: the limit was Priya's.
    expect((await open("amira")).status).toBe(200);
    // Guessing tokens from one address runs into the address's limit.
    let guesses = 0;
    let status = 0;
    while (guesses < 60 && status !== 429) {
      status = (await fetch(`${app.base}/auth/link?token=guess-${guesses}`)).status;
      guesses += 1;
    }
    expect(status).toBe(429);
    expect(guesses).toBeLessThanOrEqual(30);
  });
});

describe("the playground endpoints are rate limited", () => {
  let product: Product;
  let server: Server;
  let base: string;
  beforeAll(async () => {
    const config = loadConfig({ DATABASE_URL: "memory://", SHIFTNOTE_LOG_LEVEL: "silent" });
    product = await buildProduct(config, { log: () => {} });
    server = await new Promise<Server>((resolve) => {
      const s = product.app.listen(0, "127.0.0.1", () => resolve(s));
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await product.close();
  });

  it("per person spoken as, then per address", async () => {
    const inbox = (as: string) => fetch(`${base}/playground/api/inbox?as=${encodeURIComponent(as)}`);
    let status = 0;
    let tries = 0;
    while (tries < 100 && status !== 429) {
      status = (await inbox("amira.hussain@demo.shiftnote.test")).status;
      tries += 1;
    }
    expect(status).toBe(429);
    // 60 at once, and a couple more refilled while the loop ran.
    expect(tries).toBeGreaterThan(60);
    expect(tries).toBeLessThan(70);
    const refused = await inbox("amira.hussain@demo.shiftnote.test");
    expect(await refused.json()).toMatchObject({ error: expect.stringMatching(/Please wait/) });
    // Sending as someone counts against that person too (an empty message is refused, but only after counting).
    const send = (as: string) =>
      fetch(`${base}/playground/api/messages`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ as, text: "" }),
      });
    let sends = 0;
    status = 0;
    while (sends < 100 && status !== 429) {
      status = (await send("tom.reid@demo.shiftnote.test")).status;
      sends += 1;
    }
    expect(status).toBe(429);
    expect(sends).toBeLessThan(70);
    expect((await inbox("leo.carter@demo.shiftnote.test")).status).toBe(200);
    status = 0;
    tries = 0;
    while (tries < 1500 && status !== 429) {
      status = (await inbox(`nobody.${tries}@example.test`)).status;
      tries += 1;
    }
    expect(status).toBe(429);
    // 600 at once (less what came before), and what refilled at 20 a second while the loop ran.
    expect(tries).toBeLessThan(1000);
  });
});

describe("security headers", () => {
  const headersOf = async (env: Record<string, string>, path: string) => {
    const app = await startPagesApp(env);
    try {
      return (await fetch(`${app.base}${path}`)).headers;
    } finally {
      await app.close();
    }
  };

  it("sends HSTS when Shiftnote is served over https, with the pages' CSP unchanged", async () => {
    const https = await headersOf({ SHIFTNOTE_PUBLIC_URL: "https://shiftnote.example.org" }, "/pages/demo");
    expect(https.get("strict-transport-security")).toBe("max-age=31536000");
    expect(https.get("content-security-policy")).toBe(CSP);
    expect(https.get("x-frame-options")).toBe("DENY");
    expect(https.get("x-content-type-options")).toBe("nosniff");
    expect(https.get("referrer-policy")).toBe("same-origin");
    expect(https.get("cache-control")).toBe("no-store");
    const health = await headersOf({ SHIFTNOTE_PUBLIC_URL: "https://shiftnote.example.org" }, "/healthz");
    expect(health.get("strict-transport-security")).toBe("max-age=31536000");
  });

  it("sends no HSTS over plain http, so a local server never pins localhost to https", async () => {
    const plain = await headersOf({}, "/pages/demo");
    expect(plain.get("strict-transport-security")).toBeNull();
    expect(plain.get("content-security-policy")).toBe(CSP);
  });

  it("keeps the server's own answers free of HSTS when no public URL is set", async () => {
    const app = createApp({ config: loadConfig({ SHIFTNOTE_LOG_LEVEL: "silent" }), mount: [] });
    const server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, "127.0.0.1", () => resolve(s));
    });
    try {
      const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/healthz`);
      expect(res.headers.get("strict-transport-security")).toBeNull();
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
