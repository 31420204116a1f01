// Opens the store and the catalogue as the portfolio façade, for commands: the command line's door to the portfolio.
import { loadCatalogue } from "../standards/catalogue.ts";
import { openStore } from "../store/store.ts";
import { createPortfolio, type Portfolio } from "./index.ts";

/** Opens DATABASE_URL (applying pending migrations) and returns the portfolio; `close()` closes the database. */
export async function openPortfolio(databaseUrl: string): Promise<Portfolio> {
  return createPortfolio({ store: await openStore(databaseUrl), catalogue: loadCatalogue() });
}

/** Runs `work` with an open portfolio and closes it afterwards, whatever happens. */
export async function withPortfolio<T>(
  databaseUrl: string,
  work: (portfolio: Portfolio) => Promise<T>,
): Promise<T> {
  const portfolio = await openPortfolio(databaseUrl);
  try {
    return await work(portfolio);
  } finally {
    await portfolio.close();
  }
}
