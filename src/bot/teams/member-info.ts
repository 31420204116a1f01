// Looks up a Teams user's email through the connector's member API, cached, so the core can link them.
import type { ChannelAccount } from "@microsoft/agents-activity";
import type { ConnectorClient, TurnContext } from "@microsoft/agents-hosting";
import { type ChannelLog, describeError } from "../channel-log.ts";

export interface MemberInfo {
  email?: string;
  name?: string;
}

/** Teams returns these extra fields on a member (TeamsChannelAccount). */
type TeamsMember = ChannelAccount & { email?: string; userPrincipalName?: string; givenName?: string };

const ttlMs = 60 * 60 * 1000;
const maxEntries = 5000;

/** Caches member lookups by Teams user id for an hour; a failed lookup is cached briefly as "unknown". */
export class MemberDirectory {
  private readonly cache = new Map<string, { info: MemberInfo; until: number }>();

  constructor(private readonly log: ChannelLog) {}

  async lookup(context: TurnContext, account: ChannelAccount | undefined): Promise<MemberInfo> {
    const userId = account?.id;
    const conversationId = context.activity.conversation?.id;
    if (!userId || !conversationId) return {};
    const cached = this.cache.get(userId);
    if (cached && cached.until > Date.now()) return cached.info;
    let info: MemberInfo = {};
    let keepFor = ttlMs;
    try {
      const client = context.turnState.get<ConnectorClient>(context.adapter.ConnectorClientKey);
      const member = (await client.getConversationMember(userId, conversationId)) as TeamsMember;
      const email =
        member.email ?? (member.userPrincipalName?.includes("@") ? member.userPrincipalName : undefined);
      info = {
        ...(email ? { email: email.toLowerCase() } : {}),
        ...(member.name ? { name: member.name } : {}),
      };
    } catch (error) {
      this.log.debug(`Teams member lookup for ${userId} failed: ${describeError(error)}`);
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
