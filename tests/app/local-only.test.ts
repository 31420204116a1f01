// The speak-as-anyone playground and /pages/demo exist only on loopback, answer only loopback Host names, take audio only.
import { request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/app/config.ts";
import { listen } from "../../src/app/server.ts";
import { buildProduct, type Product } from "../../src/app/wiring.ts";

const AMIRA = "amira.hussain@demo.shiftnote.test";

/** A request with a Host header of our choosing (fetch would not send one). */
function call(
  port: number,
  path: string,
  options: { host?: string; method?: string; type?: string; body?: string } = {},
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: "127.0.0.1",
        port,
        path,
        method: options.method ?? "GET",
        headers: {
          host: options.host ?? `127.0.0.1:${port}`,
          ...(options.type ? { "content-type": options.type } : {}),
        },
      },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (body += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on("error", reject);
    req.end(options.body);
  });
}

async function start(
  env: Record<string, string>,
  lines: string[],
): Promise<{ product: Product; server: Server; port: number }> {
  const config = loadConfig({ DATABASE_URL: "memory://", PORT: "0", ...env });
  const product = await buildProduct(config, { log: (line) => lines.push(line) });
  // Tests listen on 127.0.0.1 whatever HOST says; what matters is what the product mounted.
  const server = await listen(product.app, { ...config, HOST: "127.0.0.1" });
  return { product, server, port: (server.address() as AddressInfo).port };
}

const stop = async (s: { product: Product; server: Server } | undefined) => {
  if (!s) return;
  await new Promise<void>((resolve) => s.server.close(() => resolve()));
  await s.product.close();
};

describe("with a non-loopback HOST and no channel credentials", () => {
  let s: Awaited<ReturnType<typeof start>> | undefined;
  const lines: string[] = [];
  beforeAll(async () => {
    s = await start({ HOST: "0.0.0.0", SHIFTNOTE_PLAYGROUND: "1" }, lines);
  }, 120_000);
  afterAll(() => stop(s));

  it("starts without the playground and /pages/demo, and says so in one line", async () => {
    if (!s) throw new Error("not started");
    expect(s.product.playground).toBe(false);
    const said = lines.filter((l) => l.includes("/pages/demo"));
    expect(said).toHaveLength(1);
    expect(said[0]).toContain("HOST is 0.0.0.0");
    expect(said[0]).not.toContain("\n");
    expect((await call(s.port, "/")).status).toBe(404);
    expect((await call(s.port, "/pages/demo")).status).toBe(404);
    const speak = await call(s.port, "/playground/api/messages", {
      method: "POST",
      type: "application/json",
      body: JSON.stringify({ as: "admin@demo.shiftnote.test", text: "help" }),
    });
    expect(speak.status).toBe(404);
    expect((await call(s.port, "/healthz")).status).toBe(200);
  });
});

describe("on loopback", () => {
  let s: Awaited<ReturnType<typeof start>> | undefined;
  beforeAll(async () => {
    s = await start({ HOST: "127.0.0.1" }, []);
  }, 120_000);
  afterAll(() => stop(s));

  it("answers the loopback names with the server's port", async () => {
    if (!s) throw new Error("not started");
    for (const host of [`127.0.0.1:${s.port}`, `localhost:${s.port}`, `[::1]:${s.port}`, "localhost"]) {
      expect((await call(s.port, "/", { host })).status, host).toBe(200);
    }
    expect((await call(s.port, "/pages/demo")).status).toBe(200);
  });

  it("refuses any other Host (a DNS-rebinding page), on the page, the API and the demo sign-in", async () => {
    if (!s) throw new Error("not started");
    const hosts = [
      `evil.example:${s.port}`,
      "evil.example",
      `127.0.0.1.evil.example:${s.port}`,
      `127.0.0.1:${s.port + 1}`,
      `10.0.0.5:${s.port}`,
    ];
    for (const host of hosts) {
      expect((await call(s.port, "/", { host })).status, host).toBe(403);
      expect((await call(s.port, "/pages/demo", { host })).status, host).toBe(403);
      expect((await call(s.port, `/playground/api/inbox?as=${AMIRA}`, { host })).status, host).toBe(403);
      const speak = await call(s.port, "/playground/api/messages", {
        host,
        method: "POST",
        type: "application/json",
        body: JSON.stringify({ as: AMIRA, text: "my evidence" }),
      });
      expect(speak.status, host).toBe(403);
    }
    // Pages that need a session and the channels' endpoints are not local-only.
    expect((await call(s.port, "/healthz", { host: "evil.example" })).status).toBe(200);
  });

  it("takes voice notes as audio only: another site's text/plain form files nothing", async () => {
    if (!s) throw new Error("not started");
    const before = await s.product.store.evidence.ofCandidate(
      (await s.product.portfolio.personByEmail(AMIRA))?.id ?? "",
    );
    const account =
      "A customer rang because her delivery had not arrived. I checked the tracking and booked it on the first van the next morning.";
    for (const type of [
      "text/plain",
      "application/x-www-form-urlencoded",
      "multipart/form-data; boundary=x",
    ]) {
      const res = await call(s.port, `/playground/api/voice?as=${encodeURIComponent(AMIRA)}&name=note.webm`, {
        method: "POST",
        type,
        body: account,
      });
      expect(res.status, type).toBe(415);
      expect(res.body).toContain("audio");
    }
    const after = await s.product.store.evidence.ofCandidate(
      (await s.product.portfolio.personByEmail(AMIRA))?.id ?? "",
    );
    expect(after.length).toBe(before.length);
  });
});
