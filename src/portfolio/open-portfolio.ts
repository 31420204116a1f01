// Opens the store and the catalogue as one portfolio context, for commands and the server's wiring.
import { loadCatalogue } from "../standards/catalogue.ts";
import { openStore } from "../store/store.ts";
import { type PortfolioContext, portfolioContext } from "./context.ts";
import type { Notifier } from "./notify.ts";

/** Opens DATABASE_URL (applying pending migrations) and returns a context and how to close it. */
export async function openPortfolio(
  databaseUrl: string,
  options: { notify?: Notifier } = {},
): Promise<PortfolioContext & { close(): Promise<void> }> {
  const catalogue = loadCatalogue();
  const store = await openStore(databaseUrl);
  return Object.assign(portfolioContext(store, catalogue, options), { close: () => store.close() });
}

/** Runs `work` with an open portfolio and closes it afterwards, whatever happens. */
export async function withPortfolio<T>(
  databaseUrl: string,
  work: (ctx: PortfolioContext) => Promise<T>,
): Promise<T> {
  const ctx = await openPortfolio(databaseUrl);
  try {
    return await work(ctx);
  } finally {
    await ctx.close();
  }
}
