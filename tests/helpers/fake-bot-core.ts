// A fake BotCore for channel tests: records every command and answers with a canned suggestion card as plain JSON.
import type { BotCommand, BotCore, BotResult, CardReply } from "../../src/bot/types.ts";

export interface FakeBotCore extends BotCore {
  commands: BotCommand[];
  /** Milliseconds each call takes (to test acks and in-flight retries). */
  delayMs: number;
  /** Resolves when `count` commands have arrived. */
  waitForCommands(count: number, timeoutMs?: number): Promise<BotCommand[]>;
}

export function suggestionCard(text: string): CardReply {
  const data = { verb: "evidence.submit", evidenceId: "ev-1", version: 1 };
  return {
    adaptive: {
      type: "AdaptiveCard",
      $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
      version: "1.5",
      body: [
        { type: "TextBlock", text: "Suggested evidence", weight: "Bolder", size: "Medium" },
        { type: "TextBlock", text, wrap: true },
        { type: "TextBlock", text: "CS-L2-U1 1.1 Greet customers promptly", wrap: true },
        { type: "Input.Toggle", id: "claim_1_1", title: "Claim 1.1", value: "true" },
      ],
      actions: [{ type: "Action.Execute", title: "Submit", verb: data.verb, data }],
    },
    blocks: [
      { type: "section", text: { type: "mrkdwn", text: `*Suggested evidence*\n${text}` } },
      {
        type: "actions",
        block_id: "evidence_actions",
        elements: [
          {
            type: "button",
            action_id: "evidence.submit",
            text: { type: "plain_text", text: "Submit" },
            style: "primary",
            value: JSON.stringify(data),
          },
          {
            type: "button",
            action_id: "witness.testify",
            text: { type: "plain_text", text: "Give testimony" },
            value: JSON.stringify({ verb: "witness.testify", evidenceId: "ev-1", version: 1 }),
          },
        ],
      },
    ],
    fallbackText: `Suggested evidence: ${text}`,
  };
}

export function confirmationCard(): CardReply {
  return {
    adaptive: {
      type: "AdaptiveCard",
      $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
      version: "1.5",
      body: [{ type: "TextBlock", text: "Submitted for assessment ✓", weight: "Bolder", wrap: true }],
    },
    blocks: [
      { type: "section", text: { type: "mrkdwn", text: "*Submitted for assessment* :white_check_mark:" } },
    ],
    fallbackText: "Submitted for assessment",
  };
}

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
      return { replies: [{ card: suggestionCard(command.text) }] };
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
