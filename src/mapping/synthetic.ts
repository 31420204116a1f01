// Composes labelled training accounts from the corpus's example sentences (same workplace, a plausible plan), to add to the written accounts.
import type { Catalogue } from "../standards/catalogue.ts";
import type { CorpusAccount, CorpusSentence } from "./corpus.ts";
import { random } from "./random.ts";

const pick = <T>(rng: () => number, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)] as T;

/** `count` accounts of two to five example sentences each, labelled with the sentences' targets. */
export function composeAccounts(
  catalogue: Catalogue,
  sentences: readonly CorpusSentence[],
  count: number,
  seed: number,
): CorpusAccount[] {
  const rng = random(seed);
  const positives = sentences.filter((s) => s.polarity === "pos");
  const byUnit = new Map<string, CorpusSentence[]>();
  const situations = new Map<string, CorpusSentence[]>();
  for (const s of positives) {
    if (s.target.startsWith("situation:")) {
      const id = s.target.slice("situation:".length);
      situations.set(id, [...(situations.get(id) ?? []), s]);
      continue;
    }
    const unit = catalogue.criterion(s.target)?.unit.id ?? catalogue.knowledgeItem(s.target)?.unit.id;
    if (unit) byUnit.set(unit, [...(byUnit.get(unit) ?? []), s]);
  }
  const units = [...byUnit.keys()].sort();
  const out: CorpusAccount[] = [];
  for (let i = 0; i < count && units.length; i++) {
    const main = pick(rng, units);
    const unit = catalogue.unit(main);
    if (!unit) continue;
    const level = unit.level;
    const sameLevel = catalogue
      .unitsForLevel(level)
      .map((u) => u.id)
      .filter((u) => u !== main);
    const registered = new Set([main]);
    while (registered.size < Math.min(5, sameLevel.length + 1)) registered.add(pick(rng, sameLevel));
    const pool = byUnit.get(main) ?? [];
    const first = pick(rng, pool);
    const local = pool.filter((s) => s.workplace === first.workplace && s !== first);
    const chosen = [first];
    const n = 1 + Math.floor(rng() * 3);
    for (let k = 0; k < n && local.length; k++) chosen.push(pick(rng, local));
    // Sometimes a second registered unit is shown too.
    const second = [...registered].filter((u) => u !== main && byUnit.has(u));
    if (second.length && rng() < 0.4) {
      const other = byUnit.get(pick(rng, second)) ?? [];
      const near = other.filter((s) => s.workplace === first.workplace);
      chosen.push(pick(rng, near.length ? near : other));
    }
    const ers = [...registered].flatMap((u) => catalogue.unit(u)?.evidenceRequirements ?? []);
    const possible = [...new Set(ers.flatMap((r) => r.ranges.map((x) => x.situation)))].filter((s) =>
      situations.has(s),
    );
    if (possible.length && rng() < 0.6)
      chosen.splice(
        Math.floor(rng() * chosen.length),
        0,
        pick(rng, situations.get(pick(rng, possible)) ?? []),
      );
    const goldTargets = new Set(chosen.map((s) => s.target));
    const pcs = [...goldTargets].filter((t) => catalogue.criterion(t));
    const knowledge = [...goldTargets].filter((t) => catalogue.knowledgeItem(t));
    const goldUnits = new Set(
      [...pcs, ...knowledge].map(
        (t) => catalogue.criterion(t)?.unit.id ?? catalogue.knowledgeItem(t)?.unit.id ?? "",
      ),
    );
    const sits = new Set([...goldTargets].filter((t) => t.startsWith("situation:")).map((t) => t.slice(10)));
    const ranges: string[] = [];
    for (const u of goldUnits)
      for (const r of catalogue.unit(u)?.evidenceRequirements ?? [])
        for (const x of r.ranges) if (sits.has(x.situation)) ranges.push(x.id);
    out.push({
      id: `synthetic-${String(i).padStart(4, "0")}`,
      kind: first.register === "testimony" ? "witness" : first.register === "voice" ? "voice" : "account",
      level,
      registered_units: [...registered],
      register: "synthetic",
      workplace: first.workplace,
      text: chosen.map((s) => s.text).join(first.register === "voice" ? " " : "\n"),
      gold: { units: [...goldUnits], pcs, ranges, knowledge },
    });
  }
  return out;
}
