// Looks up Slack users' email and name through users.info (users:read.email scope), cached for an hour.
import type { WebClient } from "@slack/web-api";
import { type ChannelLog, describeError } from "../channel-log.ts";

export interface SlackUserInfo {
  email?: string;
  name?: string;
}

const ttlMs = 60 * 60 * 1000;
const maxEntries = 5000;

export class SlackUserDirectory {
  private readonly cache = new Map<string, { info: SlackUserInfo; until: number }>();

  constructor(
    private readonly client: WebClient,
    private readonly log: ChannelLog,
  ) {}

  async lookup(userId: string): Promise<SlackUserInfo> {
    const cached = this.cache.get(userId);
    if (cached && cached.until > Date.now()) return cached.info;
    let info: SlackUserInfo = {};
    let keepFor = ttlMs;
    try {
      const { user } = await this.client.users.info({ user: userId });
      const email = user?.profile?.email;
      const name = user?.profile?.display_name || user?.real_name || user?.name;
      info = { ...(email ? { email: email.toLowerCase() } : {}), ...(name ? { name } : {}) };
    } catch (error) {
      this.log.warn(
        `Slack users.info for ${userId} failed (is the users:read.email scope granted?): ${describeError(error)}`,
      );
      keepFor = 60 * 1000;
    }
    if (this.cache.size >= maxEntries) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
    this.cache.set(userId, { info, until: Date.now() + keepFor });
    return info;
  }
}
