// The neutral command every channel adapter turns its platform's events into, and the replies the core answers with.

export type Channel = "teams" | "slack" | "web";

/** Who is speaking, as the channel knows them; the core links this to a person of the centre. */
export interface Actor {
  channel: Channel;
  /** The platform's user id (Teams AAD object id or 29:… id, Slack U…, web: the demo person's email). */
  userId: string;
  displayName?: string;
  /** The email the platform gives for this user, when it gives one (used to link them the first time). */
  email?: string;
}

/** A file that came with a message: audio for voice notes, or a document. */
export interface IncomingFile {
  name: string;
  mimeType?: string;
  /** Either the bytes, or a way to fetch them with the channel's own credentials. */
  bytes?: Uint8Array;
  fetch?: () => Promise<Uint8Array>;
  /** A transcript the platform made itself (Slack audio clips). */
  platformTranscript?: string;
}

/** The data a card action carries back: a verb, ids and a version, never trusted content. */
export interface CardActionData {
  verb: string;
  evidenceId?: string;
  version?: number;
  [key: string]: unknown;
}

export interface BotCommand {
  channel: Channel;
  actor: Actor;
  /** The platform conversation (Teams conversation id, Slack channel id, web session). */
  conversationId: string;
  /** The thread inside it, where the platform has threads (Slack thread_ts, Teams reply chain). */
  threadId?: string;
  /** What the person typed; empty for a pure card action. */
  text: string;
  files?: IncomingFile[];
  /** A card action (Teams Action.Execute, Slack block_actions, web card submit) with its inputs merged in. */
  action?: CardActionData;
  /** People @mentioned in the message, as the platform identifies them. */
  mentions?: Actor[];
  /** The platform's event id, so a retried delivery is handled once. */
  eventId: string;
  /** Set by the channel for a reference to reach this conversation later (proactive messages). */
  conversationReference?: unknown;
}

/** A card the core wants shown: the Adaptive Card (Teams, web) and the Block Kit blocks (Slack) of one view. */
export interface CardReply {
  adaptive: Record<string, unknown>;
  /** Slack blocks (typed as KnownBlock[] by src/cards; kept loose here so the core needs no Slack types). */
  blocks: unknown[];
  /** Plain-text summary for notifications and clients that cannot show cards. */
  fallbackText: string;
  /**
   * The evidence the card shows and the version it was drawn from, when it is about one piece of evidence: a
   * channel that keeps copies of cards (Slack) records and redraws them by it.
   */
  about?: { evidenceId: string; version: number };
}

export interface BotReply {
  text?: string;
  card?: CardReply;
  /** Reply in the thread of the message (Slack) rather than as a new message. */
  inThread?: boolean;
  /** For an action: replace the card the action came from (Teams refresh, Slack chat.update). */
  replacesCard?: boolean;
}

/** A message for someone else (an assessor, a witness, a candidate), made from the outbox by delivery. */
export interface Notification {
  personId: string;
  reply: BotReply;
}

export interface BotResult {
  replies: BotReply[];
}

/** What every channel adapter calls. */
export interface BotCore {
  handle(command: BotCommand): Promise<BotResult>;
}
