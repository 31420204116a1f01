// The HTTP server on a port of its own: health, the catalogue API, and friendly not-found answers.
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/app/config.ts";
import { createApp, listen } from "../../src/app/server.ts";

// biome-ignore lint/suspicious/noExplicitAny: JSON bodies are read as a person would, field by field.
const json = async (res: Response): Promise<any> => res.json();
let server: Server;
let base: string;

beforeAll(async () => {
  const config = loadConfig({ PORT: "0", HOST: "127.0.0.1" });
  server = await listen(createApp({ config }), config);
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((done) => server.close(() => done())));

describe("the HTTP server", () => {
  it("answers /healthz with the catalogue size", async () => {
    const body = await json(await fetch(`${base}/healthz`));
    expect(body.status).toBe("ok");
    expect(body.units).toBeGreaterThan(25);
  });

  it("serves the catalogue and one unit", async () => {
    const list = await json(await fetch(`${base}/api/standards`));
    expect(list.qualifications).toHaveLength(3);
    const unit = await json(await fetch(`${base}/api/standards/units/206`));
    expect(unit.title).toMatch(/extra mile/i);
  });

  it("says what to try when a unit or page does not exist", async () => {
    const res = await fetch(`${base}/api/standards/units/999`);
    expect(res.status).toBe(404);
    expect((await json(res)).error).toMatch(/GET \/api\/standards/);
    expect((await fetch(`${base}/nowhere`)).status).toBe(404);
  });
});
