// Mapping benchmark: start-up (catalogue, vocabulary, index and priors) and texts mapped per second on one core.

import { indexFor } from "../src/mapping/mapper-index.ts";
import { mapEvidence } from "../src/mapping/offline.ts";
import { loadCatalogue } from "../src/standards/catalogue.ts";

const TEXTS = [
  "It was a Saturday lunchtime and the queue was out of the door. A customer asked me whether we had the blue jacket in a size twelve. I checked the stock system, found one at our other branch and asked my manager if we could have it sent over for free. She agreed, so I arranged it and rang the customer the next day to say it had arrived.",
  "so um this man rang up really angry because his broadband had been down for three days and he works from home so i listened and said sorry and then i checked the line and saw an engineer was booked for friday so i asked my team leader if we could get an earlier slot and she found one for the next morning and i gave him a credit for the days he lost",
  "I am the shift supervisor and I watched Sam deal with an elderly lady who could not work the self-service machine. Sam went over straight away, spoke slowly and clearly, and took her through it step by step without rushing her. She thanked him twice on the way out.",
  "can I swap my Sunday shift with someone?",
  "A tenant emailed to say her repair had been cancelled twice. I read back through her previous emails, apologised in my reply, explained what had gone wrong and booked the contractor for a firm date. I summarised the next steps at the end of the email and gave her my direct line.",
];

function time<T>(f: () => T): [T, number] {
  const started = performance.now();
  const value = f();
  return [value, performance.now() - started];
}

/** Start-up time and throughput of the offline mapper. */
export async function run(): Promise<Record<string, unknown>> {
  const [catalogue, catalogueMs] = time(() => loadCatalogue());
  const [, indexMs] = time(() => indexFor(catalogue));
  // The first call also loads the NLP model and computes the units' genericness priors: part of start-up.
  // Both the build's text analysis and the priors are cached in var/cache after the first run
  // (SHIFTNOTE_CACHE_DIR=off measures a cold start).
  const [, firstCallMs] = time(() => mapEvidence(TEXTS[0] as string, { level: 2 }));
  const rounds = 60;
  const [, totalMs] = time(() => {
    for (let i = 0; i < rounds; i++)
      for (const text of TEXTS)
        mapEvidence(text, { level: 2, units: ["101", "105", "201", "205", "206", "209", "213"] });
  });
  const mapped = rounds * TEXTS.length;
  return {
    mapping_startup_ms: Math.round(catalogueMs + indexMs + firstCallMs),
    mapping_catalogue_load_ms: Math.round(catalogueMs),
    mapping_index_build_ms: Math.round(indexMs),
    mapping_first_call_ms: Math.round(firstCallMs),
    mapping_texts_per_second: Math.round((mapped / totalMs) * 1000),
    mapping_mean_ms: Math.round((totalMs / mapped) * 100) / 100,
  };
}
