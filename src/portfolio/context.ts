// What every portfolio use case is given: the store, the catalogue, the notify hook and the clock.

import type { EvidenceStatus } from "../core/types.ts";
import type { Catalogue } from "../standards/catalogue.ts";
import type { Store } from "../store/store.ts";
import { type Notifier, silentNotifier } from "./notify.ts";

export interface PortfolioContext {
  store: Store;
  catalogue: Catalogue;
  notify: Notifier;
  now(): Date;
}

/** Builds a context; the notifier defaults to one that does nothing. */
export function portfolioContext(
  store: Store,
  catalogue: Catalogue,
  options: { notify?: Notifier; now?: () => Date } = {},
): PortfolioContext {
  return {
    store,
    catalogue,
    notify: options.notify ?? silentNotifier,
    now: options.now ?? (() => new Date()),
  };
}

/** Who asks: a person (checked against their roles), or the command line acting for the centre's admin. */
export type Actor = { personId: string } | { system: "cli" | "demo" | "bot" };

/** What lifecycle use cases return: enough to re-render a card; the card handler re-reads the rest. */
export interface EvidenceSummary {
  id: string;
  ref: string;
  status: EvidenceStatus;
  version: number;
}
