// `shiftnote serve` (what `npm start` runs): starts the product on its configured or embedded defaults.
import type { AddressInfo } from "node:net";
import { effectiveHost } from "../../bot/teams/mode.ts";
import type { Command } from "../cli.ts";
import { parseCommandArgs } from "../cli-args.ts";
import { loadConfig } from "../config.ts";
import { listen } from "../server.ts";
import { buildProduct } from "../wiring.ts";

export const command: Command = {
  summary: "Start Shiftnote (the web playground, the channels that are configured, the API)",
  usage: "Usage: shiftnote serve [--port N]   (npm start runs this)",
  async run(args) {
    const { values } = parseCommandArgs(args, { port: { type: "string" } });
    const config = loadConfig(undefined, values.port ? { PORT: values.port } : {});
    const product = await buildProduct(config);
    // The playground lets anyone speak as anyone, and anonymous Teams checks no token: both stay on this machine.
    const host = product.playground && !config.hostGiven ? "127.0.0.1" : effectiveHost(config);
    const server = await listen(product.app, { ...config, HOST: host });
    const { port } = server.address() as AddressInfo;
    const base = `http://${host === "0.0.0.0" ? "localhost" : host}:${port}`;
    console.log(`Shiftnote is running on ${base}`);
    if (product.playground) console.log(`  Playground: ${base}/  (pick a demo person and talk to the bot)`);
    console.log(`  Health: ${base}/healthz · Standards: ${base}/api/standards`);
    console.log("Press Ctrl+C to stop.");
    await new Promise<void>((resolveStop) => {
      const stop = () => server.close(() => resolveStop());
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
    });
    await product.close();
    return 0;
  },
};
