// Builds the Teams app package (manifest.json + icons in a zip) after validating the manifest against its JSON schema.
import { createWriteStream, mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pipeline } from "node:stream/promises";
import ajvDraft04 from "ajv-draft-04";
import ajvFormats from "ajv-formats";
import { PNG } from "pngjs";
import { ZipFile } from "yazl";

export const MANIFEST_DIR = new URL("../../../manifest/teams/", import.meta.url);

export interface PackageOptions {
  /** Values for the ${{NAME}} placeholders (the process environment when run from npm). */
  env: Record<string, string | undefined>;
  /** Fill missing placeholders with harmless test values instead of failing. */
  allowPlaceholder?: boolean;
  /** Where the zip goes; dist/shiftnote-teams.zip by default. */
  outFile?: string;
  /** A manifest to package instead of manifest/teams/manifest.json (tests). */
  manifestText?: string;
}

/** A problem that stops packaging, with every reason listed for the person running it. */
export class PackageError extends Error {
  override name = "PackageError";
  constructor(
    message: string,
    readonly problems: string[] = [],
  ) {
    super(problems.length > 0 ? `${message}\n  - ${problems.join("\n  - ")}` : message);
  }
}

const placeholderHelp: Record<string, { help: string; test: string }> = {
  TEAMS_CLIENT_ID: {
    help: "the Application (client) ID of your bot's Microsoft Entra app registration",
    test: "00000000-0000-4000-8000-000000000000",
  },
  SHIFTNOTE_PUBLIC_URL: {
    help: "the public https address of your Shiftnote server, such as https://shiftnote.example.org",
    test: "https://shiftnote.example.org",
  },
};

/** The host of SHIFTNOTE_PUBLIC_URL (for `validDomains`), or undefined when it is unset or not an address. */
function publicHost(options: PackageOptions): string | undefined {
  const url = options.env.SHIFTNOTE_PUBLIC_URL?.trim();
  if (!url)
    return options.allowPlaceholder
      ? new URL(placeholderHelp.SHIFTNOTE_PUBLIC_URL?.test ?? "").host
      : undefined;
  try {
    return new URL(url).host;
  } catch {
    return undefined;
  }
}

/** Replaces ${{NAME}} placeholders; SHIFTNOTE_VERSION comes from package.json, SHIFTNOTE_PUBLIC_HOST from the URL. */
export function fillPlaceholders(text: string, options: PackageOptions, version: string): string {
  const missing: string[] = [];
  const filled = text.replace(/\$\{\{([A-Z0-9_]+)\}\}/g, (_all, name: string) => {
    if (name === "SHIFTNOTE_VERSION") return version;
    if (name === "SHIFTNOTE_PUBLIC_HOST") {
      const host = publicHost(options);
      if (!host)
        missing.push(`SHIFTNOTE_PUBLIC_URL: set it to ${placeholderHelp.SHIFTNOTE_PUBLIC_URL?.help}`);
      return host ?? "";
    }
    const value = options.env[name]?.trim().replace(/\/+$/, "");
    if (value) return value;
    const known = placeholderHelp[name];
    if (options.allowPlaceholder && known) return known.test;
    missing.push(`${name}: set it to ${known?.help ?? "a value"}`);
    return "";
  });
  if (missing.length > 0) {
    throw new PackageError(
      "manifest/teams/manifest.json needs values from the environment (or run with --allow-placeholder for a test package):",
      [...new Set(missing)],
    );
  }
  return filled;
}

/** Validates against the schema the package ships for the manifest's own manifestVersion. */
export async function validateManifest(manifest: Record<string, unknown>): Promise<string[]> {
  const version = manifest.manifestVersion;
  if (typeof version !== "string" || !/^\d+\.\d+$/.test(version))
    return ["manifestVersion is missing or not like 1.24"];
  const require = createRequire(import.meta.url);
  const root = dirname(require.resolve("@microsoft/app-manifest/package.json"));
  const schemaPath = join(
    root,
    "build",
    "json-schemas",
    "teams",
    `v${version}`,
    "MicrosoftTeams.schema.json",
  );
  let schema: unknown;
  try {
    schema = JSON.parse(readFileSync(schemaPath, "utf8"));
  } catch {
    return [`@microsoft/app-manifest ships no schema for manifestVersion ${version}`];
  }
  // The Teams schemas are JSON Schema draft-04; this is how @microsoft/app-manifest's ManifestUtil validates them
  // (its own entry point cannot be imported: it requires fs-extra without declaring it).
  // Both are CommonJS modules whose module.exports also carries itself as `default`.
  const ajv = new ajvDraft04.default({ allErrors: true, strictTypes: false });
  ajvFormats.default(ajv, ["uri", "email", "regex"]);
  const validate = ajv.compile(schema as object);
  if (validate(manifest)) return [];
  return (validate.errors ?? []).map(
    (error) =>
      `${error.instancePath || "(manifest)"} ${error.message ?? "is invalid"} ${JSON.stringify(error.params)}`,
  );
}

/** Checks the icon sizes Teams insists on, and that the outline icon is white on transparency. */
export function checkIcons(color: Buffer, outline: Buffer): string[] {
  const problems: string[] = [];
  const read = (name: string, bytes: Buffer) => {
    try {
      return PNG.sync.read(bytes);
    } catch {
      problems.push(`${name} is not a PNG`);
      return undefined;
    }
  };
  const colorPng = read("color.png", color);
  const outlinePng = read("outline.png", outline);
  if (colorPng && (colorPng.width !== 192 || colorPng.height !== 192)) {
    problems.push(`color.png must be 192×192 pixels (it is ${colorPng.width}×${colorPng.height})`);
  }
  if (outlinePng) {
    if (outlinePng.width !== 32 || outlinePng.height !== 32) {
      problems.push(`outline.png must be 32×32 pixels (it is ${outlinePng.width}×${outlinePng.height})`);
    }
    let transparent = 0;
    let coloured = 0;
    for (let i = 0; i < outlinePng.data.length; i += 4) {
      const [r, g, b, a] = [0, 1, 2, 3].map((k) => outlinePng.data[i + k] ?? 0) as [
        number,
        number,
        number,
        number,
      ];
      if (a === 0) transparent += 1;
      else if (r < 250 || g < 250 || b < 250) coloured += 1;
    }
    if (transparent === 0) problems.push("outline.png must have a transparent background");
    if (coloured > 0) problems.push(`outline.png must be white only (${coloured} pixels are not)`);
  }
  return problems;
}

/** Validates everything, then writes the zip; throws PackageError listing every problem found. */
export async function packageTeamsApp(
  options: PackageOptions,
): Promise<{ outFile: string; manifest: Record<string, unknown> }> {
  const version = (
    JSON.parse(readFileSync(new URL("../../../package.json", import.meta.url), "utf8")) as { version: string }
  ).version;
  const text = options.manifestText ?? readFileSync(new URL("manifest.json", MANIFEST_DIR), "utf8");
  const manifest = JSON.parse(fillPlaceholders(text, options, version)) as Record<string, unknown>;
  const color = readFileSync(new URL("color.png", MANIFEST_DIR));
  const outline = readFileSync(new URL("outline.png", MANIFEST_DIR));
  const problems = [...(await validateManifest(manifest)), ...checkIcons(color, outline)];
  if (problems.length > 0) throw new PackageError("The Teams app package is not valid:", problems);

  const outFile = options.outFile ?? join(process.cwd(), "dist", "shiftnote-teams.zip");
  mkdirSync(dirname(outFile), { recursive: true });
  const zip = new ZipFile();
  const mtime = new Date("2025-01-01T00:00:00Z");
  zip.addBuffer(Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`), "manifest.json", { mtime });
  zip.addBuffer(color, "color.png", { mtime });
  zip.addBuffer(outline, "outline.png", { mtime });
  zip.end();
  await pipeline(zip.outputStream, createWriteStream(outFile));
  return { outFile, manifest };
}
