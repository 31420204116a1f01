// The parts and the imports they may not make (docs/ARCHITECTURE.md), as rules over the import graph of src/.
import { readdirSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const src = join(root, "src");

/** Every TypeScript file under src/, as a path relative to the repository (generated code left out). */
export function sources(dir = src): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "generated" ? [] : sources(path);
    return /\.(ts|mts)$/.test(entry.name) ? [relative(root, path)] : [];
  });
}

export interface Import {
  from: string;
  /** A project file (src/...) or a package name. */
  to: string;
}

/** The imports of one file: static, dynamic and re-exports; relative ones resolved to src/ paths. */
export function importsOf(file: string, text: string): Import[] {
  const found = new Set<string>();
  const patterns = [
    /(?:^|\n)\s*(?:import|export)\s[^'"`;]*?from\s*["']([^"']+)["']/g,
    /(?:^|\n)\s*import\s*["']([^"']+)["']/g,
    /import\(\s*["']([^"']+)["']\s*\)/g,
  ];
  for (const pattern of patterns) for (const match of text.matchAll(pattern)) found.add(match[1] as string);
  return [...found].map((spec) => ({
    from: file,
    to: spec.startsWith(".") ? relative(root, resolve(root, dirname(file), spec)) : packageOf(spec),
  }));
}

const packageOf = (spec: string) =>
  spec.startsWith("node:")
    ? spec
    : spec.startsWith("@")
      ? spec.split("/").slice(0, 2).join("/")
      : (spec.split("/")[0] as string);

const under = (path: string, ...folders: string[]) =>
  folders.some((f) => path === f || path.startsWith(`${f}/`));
const PLATFORM = /^(@slack\/|@microsoft\/|adaptivecards$)/;
const CHANNELS = ["src/bot/teams", "src/bot/slack", "src/bot/web"];

/** The rules: each answers why an import is forbidden, or undefined when it is allowed. */
export const RULES: Array<{ name: string; broken(i: Import): string | undefined }> = [
  {
    name: "nothing below src/app imports it",
    broken: (i) =>
      !under(i.from, "src/app") && under(i.to, "src/app") ? "src/app is the top floor" : undefined,
  },
  {
    name: "src/core imports nothing of the project",
    broken: (i) =>
      under(i.from, "src/core") && i.to.startsWith("src/") && !under(i.to, "src/core")
        ? "src/core is the ground floor"
        : undefined,
  },
  {
    name: "no platform package below the channel adapters and the cards",
    broken: (i) =>
      PLATFORM.test(i.to) && !under(i.from, ...CHANNELS, "src/cards", "src/app")
        ? `${i.to} belongs to src/bot/<channel> and src/cards`
        : undefined,
  },
  {
    name: "no Prisma outside src/store",
    broken: (i) =>
      (/^(@prisma\/|prisma$|pglite-prisma-adapter$)/.test(i.to) || under(i.to, "src/store/generated")) &&
      !under(i.from, "src/store")
        ? "only repositories know Prisma"
        : undefined,
  },
  {
    name: "the bot, the channels, the cards and the web do not import the store",
    broken: (i) =>
      under(i.from, "src/bot", "src/web", "src/cards") && under(i.to, "src/store")
        ? "go through the portfolio façade"
        : undefined,
  },
  {
    name: "the bot, the web and the commands enter the portfolio by its façade",
    broken: (i) =>
      under(i.from, "src/bot", "src/web", "src/app/commands") &&
      under(i.to, "src/portfolio") &&
      !["src/portfolio/index.ts", "src/portfolio/open-portfolio.ts"].includes(i.to)
        ? "import src/portfolio/index.ts"
        : undefined,
  },
  {
    name: "the bot, the channels and the web use cards through cards/index.ts",
    broken: (i) =>
      under(i.from, "src/bot", "src/web") && under(i.to, "src/cards") && i.to !== "src/cards/index.ts"
        ? "import src/cards/index.ts"
        : undefined,
  },
  {
    name: "mapping imports neither the store nor the portfolio",
    broken: (i) =>
      under(i.from, "src/mapping") && under(i.to, "src/store", "src/portfolio")
        ? "the mapper is pure"
        : undefined,
  },
];

/**
 * Imports another engineer is moving out of the way (the mapper's commands move to src/app/commands, and the
 * whisper engine's file is theirs): each is listed with its reason, and the test fails once it is gone.
 */
export const KNOWN: Array<Import & { why: string }> = [];

/** Every import that breaks a rule, with the rule and the reason, as one line each. */
export function violations(files: Array<{ path: string; text: string }>): string[] {
  const out: string[] = [];
  for (const file of files)
    for (const i of importsOf(file.path, file.text)) {
      if (KNOWN.some((k) => k.from === i.from && k.to === i.to)) continue;
      for (const rule of RULES) {
        const why = rule.broken(i);
        if (why) out.push(`${i.from} imports ${i.to}: ${rule.name} (${why})`);
      }
    }
  return out;
}

/** The import circles between project files, each as the files around it. */
export function circles(files: Array<{ path: string; text: string }>): string[][] {
  const graph = new Map(
    files.map((f) => [
      f.path,
      importsOf(f.path, f.text)
        .map((i) => i.to)
        .filter((t) => t.startsWith("src/")),
    ]),
  );
  const found: string[][] = [];
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const visit = (node: string) => {
    state.set(node, "open");
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (!graph.has(next)) continue;
      if (state.get(next) === "open") found.push(stack.slice(stack.indexOf(next)));
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, "done");
  };
  for (const node of graph.keys()) if (!state.has(node)) visit(node);
  return found;
}
