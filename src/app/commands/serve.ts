// `shiftnote serve` (what `npm start` runs): starts the product on its configured or embedded defaults.
import type { AddressInfo } from "node:net";
import type { Command } from "../cli.ts";
import { parseCommandArgs } from "../cli-args.ts";
import { loadConfig } from "../config.ts";
import { createApp, listen } from "../server.ts";

export const command: Command = {
  summary: "Start Shiftnote (the web playground, the channels that are configured, the API)",
  usage: "Usage: shiftnote serve [--port N]   (npm start runs this)",
  async run(args) {
    const { values } = parseCommandArgs(args, { port: { type: "string" } });
    const config = loadConfig(values.port ? { ...process.env, PORT: values.port } : process.env);
    const server = await listen(createApp({ config }), config);
    const { port } = server.address() as AddressInfo;
    console.log(
      `Shiftnote is running on http://${config.HOST}:${port}  (health: /healthz, standards: /api/standards)`,
    );
    console.log("Press Ctrl+C to stop.");
    await new Promise<void>((resolveStop) => {
      const stop = () => server.close(() => resolveStop());
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
    });
    return 0;
  },
};
