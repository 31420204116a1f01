// `TEAMS_ANONYMOUS=1 npm start` needs no admin step: the Agents Playground's default user is a demo candidate.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/app/config.ts";
import { buildProduct, type Product } from "../../src/app/wiring.ts";
import { helpFor } from "../../src/bot/conversation.ts";

let product: Product | undefined;
afterEach(async () => {
  await product?.close();
  product = undefined;
});

/** The default user in the config the installed Agents Playground ships with. */
function playgroundDefaultUser(): { aadObjectId: string; name: string } {
  const require = createRequire(import.meta.url);
  const root = dirname(require.resolve("@microsoft/m365agentsplayground/package.json"));
  const bundle = readFileSync(join(root, "dist", "index.js"), "utf8");
  const match =
    /currentUser:\\n\s+id: [^\\]+\\n\s+name: ([^\\]+)\\n(?:[^\\]+\\n)*?\s+aadObjectId: ([0-9a-f-]+)/.exec(
      bundle,
    );
  if (!match?.[1] || !match[2])
    throw new Error("The Agents Playground's default user was not found in its bundle.");
  return { name: match[1], aadObjectId: match[2] };
}

describe("the Agents Playground's default user", () => {
  it("speaks as the demo candidate Amira when Teams runs anonymously", async () => {
    const user = playgroundDefaultUser();
    expect(user.name).toBe("Alex Wilber");
    product = await buildProduct(loadConfig({ DATABASE_URL: "memory://", TEAMS_ANONYMOUS: "1" }), {
      log: () => {},
    });
    const person = await product.portfolio.identify({ channel: "teams", userId: user.aadObjectId });
    expect(person?.name).toBe("Amira Hussain");
    if (!person) throw new Error("not identified");
    expect(helpFor(person)).toContain("Tell me about a customer you helped today");
  }, 120_000);

  it("is a stranger when Teams is not anonymous", async () => {
    product = await buildProduct(loadConfig({ DATABASE_URL: "memory://" }), { log: () => {} });
    const person = await product.portfolio.identify({
      channel: "teams",
      userId: playgroundDefaultUser().aadObjectId,
    });
    expect(person).toBeNull();
  }, 120_000);
});

describe("help", () => {
  it("tells an admin what an admin can do, and has no <placeholder> Teams would swallow", async () => {
    product = await buildProduct(loadConfig({ DATABASE_URL: "memory://" }), { log: () => {} });
    const dana = await product.portfolio.identify({
      channel: "web",
      userId: "x",
      email: "dana.okafor@demo.shiftnote.test",
    });
    const amira = await product.portfolio.identify({
      channel: "web",
      userId: "y",
      email: "amira.hussain@demo.shiftnote.test",
    });
    if (!dana || !amira) throw new Error("the demo people are missing");
    expect(helpFor(dana)).toContain("npx shiftnote admin");
    expect(helpFor(dana)).not.toContain("no role yet");
    expect(helpFor(amira)).not.toMatch(/<[^>]+>/);
    expect(helpFor(amira)).toContain("ask Tom Reid to witness");
  }, 120_000);
});
