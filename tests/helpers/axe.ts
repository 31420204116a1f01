// axe-core in a Playwright page: the serious and critical accessibility findings, described.
import { createRequire } from "node:module";
import type { Page } from "playwright-core";

const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

interface AxeResult {
  violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown }> }>;
}

/** Runs axe-core in the page (its script injected, so the context needs bypassCSP). */
export async function seriousAxeFindings(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const result = (await page.evaluate(() => {
    const w = globalThis as unknown as {
      axe: { run(ctx: unknown, opts: object): Promise<unknown> };
      document: unknown;
    };
    return w.axe.run(w.document, { resultTypes: ["violations"] });
  })) as AxeResult;
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} at ${JSON.stringify(v.nodes.map((n) => n.target)).slice(0, 300)}`,
    );
}
