// A running app with the pages mounted over an in-memory store holding the demo centre, for HTTP and browser tests.
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type Config, loadConfig } from "../../src/app/config.ts";
import { createApp } from "../../src/app/server.ts";
import { mapEvidence } from "../../src/mapping/offline.ts";
import { type PortfolioContext, portfolioContext } from "../../src/portfolio/context.ts";
import { createPortfolio, type DemoPerson } from "../../src/portfolio/index.ts";
import { loadCatalogue } from "../../src/standards/catalogue.ts";
import { openStore, type Store } from "../../src/store/store.ts";
import { mountPages } from "../../src/web/pages.ts";
import { signLink } from "../../src/web/signed-link.ts";

export const TEST_SECRET = "test-secret-for-pages-0123456789abcdef";

export interface PagesApp {
  base: string;
  config: Config;
  store: Store;
  ctx: PortfolioContext;
  people: Map<string, DemoPerson>;
  id(key: string): string;
  close(): Promise<void>;
}

export async function startPagesApp(env: Record<string, string> = {}): Promise<PagesApp> {
  const store = await openStore("memory://");
  const catalogue = loadCatalogue();
  const ctx = portfolioContext(store, catalogue);
  // the offline mapper, as the server uses without an OpenAI key: the assessor's forms show its suggestions
  const portfolio = createPortfolio({
    store,
    catalogue,
    mapper: async (text, options) => mapEvidence(text, options),
  });
  const people = new Map((await portfolio.loadDemoCentre()).map((p) => [p.key, p]));
  const provisional = loadConfig({
    SHIFTNOTE_SESSION_SECRET: TEST_SECRET,
    SHIFTNOTE_LOG_LEVEL: "silent",
    ...env,
  });
  const app = createApp({
    config: provisional,
    catalogue,
    mount: [(a) => mountPages(a, { config: provisional, portfolio })],
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  // links point at the port the test server got
  Object.assign(provisional, { PORT: port, HOST: "127.0.0.1" });
  return {
    base: `http://127.0.0.1:${port}`,
    config: provisional,
    store,
    ctx,
    people,
    id: (key) => people.get(key)?.id ?? "",
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.close();
    },
  };
}

export interface PageSession {
  cookie: string;
  csrf: string;
}

/**
 * Signs a demo person in through a signed link, once per key: their session cookie and the CSRF token the pages
 * give them, for tests that post forms over HTTP.
 */
export function pageSessions(app: () => PagesApp): (key: string) => Promise<PageSession> {
  const sessions = new Map<string, PageSession>();
  return async (key) => {
    const known = sessions.get(key);
    if (known) return known;
    const { base, config } = app();
    const token = new URL(signLink(app().id(key), config)).searchParams.get("token") ?? "";
    const res = await fetch(`${base}/auth/link`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ token }).toString(),
    });
    const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const home = await (await fetch(`${base}/pages`, { headers: { cookie } })).text();
    const csrf = /name="_csrf" value="([^"]+)"/.exec(home)?.[1] ?? "";
    const session = { cookie, csrf };
    sessions.set(key, session);
    return session;
  };
}
