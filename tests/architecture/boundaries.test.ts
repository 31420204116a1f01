// The boundary test: fails when an import in src/ breaks a rule of docs/ARCHITECTURE.md, or a circle appears.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { circles, importsOf, KNOWN, root, sources, violations } from "./rules.ts";

const tree = () => sources().map((path) => ({ path, text: readFileSync(join(root, path), "utf8") }));

describe("the boundaries between the parts", () => {
  it("no import in src/ breaks a rule", () => {
    expect(violations(tree())).toEqual([]);
  });

  it("every known exception still exists (remove it from KNOWN when its import is gone)", () => {
    const all = tree().flatMap((f) => importsOf(f.path, f.text));
    const stale = KNOWN.filter((k) => !all.some((i) => i.from === k.from && i.to === k.to));
    expect(stale.map((k) => `${k.from} → ${k.to}`)).toEqual([]);
  });

  it("no import circles between the bot core and its handlers, or between coverage and gaps", () => {
    const around = circles(tree()).filter((c) =>
      c.some((f) => ["src/bot/core.ts", "src/portfolio/coverage.ts", "src/portfolio/gaps.ts"].includes(f)),
    );
    expect(around).toEqual([]);
  });

  it("finds a circle when two files import each other", () => {
    expect(
      circles([
        { path: "src/bot/a.ts", text: 'import { b } from "./b.ts";' },
        { path: "src/bot/b.ts", text: 'import type { A } from "./a.ts";' },
      ]),
    ).toEqual([["src/bot/a.ts", "src/bot/b.ts"]]);
  });

  it("catches a forbidden import of each kind", () => {
    const file = (path: string, text: string) => ({ path, text });
    expect(
      violations([
        file("src/bot/slack/x.ts", 'import { openStore } from "../../store/store.ts";'),
        file("src/portfolio/x.ts", 'import type { KnownBlock } from "@slack/types";'),
        file("src/web/x.ts", 'import { PrismaClient } from "@prisma/client";'),
        file("src/voice/x.ts", 'import type { Config } from "../app/config.ts";'),
        file("src/mapping/x.ts", 'export { viewEvidence } from "../portfolio/view-evidence.ts";'),
        file("src/core/x.ts", 'const m = await import("../standards/catalogue.ts");'),
        file("src/bot/x.ts", 'import { createDraft } from "../portfolio/create-draft.ts";'),
      ]),
    ).toEqual([
      "src/bot/slack/x.ts imports src/store/store.ts: the bot, the channels, the cards and the web do not import the store (go through the portfolio façade)",
      "src/portfolio/x.ts imports @slack/types: no platform package below the channel adapters and the cards (@slack/types belongs to src/bot/<channel> and src/cards)",
      "src/web/x.ts imports @prisma/client: no Prisma outside src/store (only repositories know Prisma)",
      "src/voice/x.ts imports src/app/config.ts: nothing below src/app imports it (src/app is the top floor)",
      "src/mapping/x.ts imports src/portfolio/view-evidence.ts: mapping imports neither the store nor the portfolio (the mapper is pure)",
      "src/core/x.ts imports src/standards/catalogue.ts: src/core imports nothing of the project (src/core is the ground floor)",
      "src/bot/x.ts imports src/portfolio/create-draft.ts: the bot, the web and the commands enter the portfolio by its façade (import src/portfolio/index.ts)",
    ]);
  });
});
