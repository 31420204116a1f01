// A fake BotCore for channel tests: records every command and answers with canned card views (a suggestion, a confirmation).
import type { BotCommand, BotCore, BotResult, CardReply } from "../../src/bot/types.ts";
import type { CardView } from "../../src/cards/index.ts";

export interface FakeBotCore extends BotCore {
  commands: BotCommand[];
  /** Milliseconds each call takes (to test acks and in-flight retries). */
  delayMs: number;
  /** Resolves when `count` commands have arrived. */
  waitForCommands(count: number, timeoutMs?: number): Promise<BotCommand[]>;
}

/** The neutral view of a one-claim suggestion for `text`: what the fake core answers an account with. */
export function suggestionView(text: string): CardView {
  return {
    kind: "suggestion",
    view: {
      evidenceId: "ev-1",
      version: 1,
      ref: "E1",
      text,
      units: [
        {
          unitId: "CS-L2-U1",
          title: "Greet customers",
          criteria: [{ id: "CS-L2-U1/1.1", text: "Greet customers promptly", support: text, selected: true }],
          ranges: [],
          knowledge: [],
        },
      ],
    },
  };
}

/** The reply the fake core gives an account: a lead line and the suggestion card. */
export function suggestionCard(text: string): CardReply {
  return { view: suggestionView(text), about: { evidenceId: "ev-1", version: 1 } };
}

/** The neutral view of the confirmation the fake core gives a Submit (and a refresh). */
export const confirmationView: CardView = {
  kind: "message",
  view: { title: "Submitted for assessment", text: "E1 is with your assessor ✓" },
};

export function confirmationCard(): CardReply {
  return { view: confirmationView };
}

/** What the fake core says above the suggestion card. */
export const SUGGESTION_LEAD = "Suggested evidence: untick anything that isn't right, then press Submit.";

export function createFakeBotCore(): FakeBotCore {
  const commands: BotCommand[] = [];
  const core: FakeBotCore = {
    commands,
    delayMs: 0,
    async handle(command): Promise<BotResult> {
      commands.push(command);
      if (core.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, core.delayMs));
      if (command.action?.verb === "evidence.submit" || command.action?.verb === "evidence.refresh") {
        return { replies: [{ card: confirmationCard(), replacesCard: true }] };
      }
      if (command.action) {
        return { replies: [{ text: `Recorded ${command.action.verb}.` }] };
      }
      if (command.text === "help") return { replies: [{ text: "Tell me what happened on your shift." }] };
      return { replies: [{ text: SUGGESTION_LEAD, card: suggestionCard(command.text) }] };
    },
    async waitForCommands(count, timeoutMs = 5000) {
      const until = Date.now() + timeoutMs;
      while (commands.length < count) {
        if (Date.now() > until) throw new Error(`expected ${count} commands, got ${commands.length}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return commands;
    },
  };
  return core;
}
