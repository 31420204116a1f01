// `npm run package:teams [-- --allow-placeholder] [-- --out FILE]`: validates and zips the Teams app package.
import { parseArgs } from "node:util";
import { PackageError, packageTeamsApp } from "../../bot/teams/app-package.ts";
import { ConfigError, loadConfig } from "../config.ts";

const { values } = parseArgs({
  options: { "allow-placeholder": { type: "boolean", default: false }, out: { type: "string" } },
});

try {
  // The manifest's placeholders come from the parsed configuration, like every other setting.
  const config = loadConfig();
  const { outFile, manifest } = await packageTeamsApp({
    env: { TEAMS_CLIENT_ID: config.TEAMS_CLIENT_ID, SHIFTNOTE_PUBLIC_URL: config.SHIFTNOTE_PUBLIC_URL },
    allowPlaceholder: values["allow-placeholder"],
    ...(values.out ? { outFile: values.out } : {}),
  });
  console.log(
    `Wrote ${outFile} (manifest ${String(manifest.manifestVersion)}, app id ${String(manifest.id)}).`,
  );
  console.log("Upload it in Teams (Apps → Manage your apps → Upload an app) or in the Teams admin centre.");
} catch (error) {
  if (error instanceof PackageError || error instanceof ConfigError || error instanceof SyntaxError) {
    console.error(error.message);
    process.exitCode = 1;
  } else {
    throw error;
  }
}
