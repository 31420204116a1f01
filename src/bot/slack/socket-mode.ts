// Slack over Socket Mode: Bolt's SocketModeReceiver on an app-level token, so a laptop behind a firewall can run the bot.
import { type Logger, SocketModeReceiver } from "@slack/bolt";
import { type ChannelLog, describeError } from "../channel-log.ts";

export interface SlackSocket {
  /** The receiver to give Bolt's App instead of the HTTP one. */
  receiver: SocketModeReceiver;
  /** Opens the connection; call it once Bolt's listeners are registered. A failure is logged, never thrown. */
  start(): void;
  /** Closes the WebSocket and stops reconnecting (the process could not exit while it is open). */
  stop(): Promise<void>;
}

export interface SlackSocketOptions {
  appToken: string;
  /** The Web API base: `apps.connections.open`, which hands out the WebSocket URL, is called there. */
  apiUrl: string;
  logger: Logger;
  log: ChannelLog;
}

/**
 * Builds the Socket Mode receiver. Slack's SocketModeClient calls `apps.connections.open` with the app token through a
 * WebClient of its own, made from `installerOptions.clientOptions`, so `slackApiUrl` there points it at SLACK_API_URL.
 */
export function slackSocket(options: SlackSocketOptions): SlackSocket {
  const { log } = options;
  const receiver = new SocketModeReceiver({
    appToken: options.appToken,
    logger: options.logger,
    // A fresh object: the socket client writes its own retry settings into the options it is given.
    installerOptions: { clientOptions: { slackApiUrl: options.apiUrl } },
  });
  let stopped = false;
  return {
    receiver,
    start() {
      // What App#start does for this receiver, with the connection's type kept (App's is typed for HTTP).
      receiver.start().then(
        (connection) => {
          // The URL carries a ticket; only its host is worth a log line.
          const host =
            connection?.url && URL.canParse(connection.url) ? new URL(connection.url).host : "Slack";
          log.info(`Slack is on over Socket Mode (connected to ${host}; no public URL needed).`);
        },
        (error: unknown) => {
          if (stopped) return;
          log.error(
            `Slack Socket Mode could not connect: ${describeError(error)}. Check SLACK_APP_TOKEN (an app-level token with connections:write) and that Socket Mode is enabled for the app.`,
            error,
          );
        },
      );
    },
    async stop() {
      stopped = true;
      await receiver.client.disconnect();
    },
  };
}
