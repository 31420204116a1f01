// Which Teams messages are overheard, which thread they are in, and where a card posted in a chain is recorded.

import { Activity } from "@microsoft/agents-activity";
import { describe, expect, it } from "vitest";
import { activityToCommand } from "../../../src/bot/teams/activity-to-command.ts";
import { cardCopyOf } from "../../../src/bot/teams/thread-copies.ts";
import type { BotReply } from "../../../src/bot/types.ts";

const BOT = { id: "28:bot", name: "Shiftnote" };
const message = (conversation: Record<string, unknown>, rest: Record<string, unknown> = {}) =>
  Activity.fromObject({
    type: "message",
    id: "1700000000999",
    channelId: "msteams",
    serviceUrl: "http://127.0.0.1/",
    from: { id: "29:tom", aadObjectId: "aad-tom", name: "Tom Reid" },
    recipient: BOT,
    conversation,
    text: "She handled it well.",
    ...rest,
  });
const card: BotReply = {
  card: {
    view: { kind: "message", view: { title: "E1", text: "A card about E1" } },
    about: { evidenceId: "ev-1", version: 2 },
  },
};

describe("Teams threads", () => {
  it("reads a channel reply's thread from its conversation id, and marks it overheard without a mention", () => {
    const command = activityToCommand(
      message({ id: "19:general@thread.tacv2;messageid=1700000000500", conversationType: "channel" }),
    );
    expect(command).toMatchObject({ threadId: "1700000000500", overheard: true });
  });

  it("reads a group chat reply's thread from the message it replies to", () => {
    const command = activityToCommand(
      message({ id: "19:chat@thread.v2", conversationType: "groupChat" }, { replyToId: "1700000000600" }),
    );
    expect(command).toMatchObject({ threadId: "1700000000600", overheard: true });
  });

  it("is not overheard when it mentions the bot, nor in a personal chat", () => {
    const mentioned = activityToCommand(
      message(
        { id: "19:general@thread.tacv2;messageid=1", conversationType: "channel" },
        { entities: [{ type: "mention", text: "<at>Shiftnote</at>", mentioned: BOT }] },
      ),
    );
    expect(mentioned?.overheard).toBeUndefined();
    expect(
      activityToCommand(message({ id: "a:1", conversationType: "personal" }))?.overheard,
    ).toBeUndefined();
  });

  it("records a card posted in a channel under its reply chain, and in a group chat by its own id", () => {
    const inChain = message({
      id: "19:general@thread.tacv2;messageid=1700000000500",
      conversationType: "channel",
    });
    expect(cardCopyOf(inChain, card, "1700000000777", "aad-amira")).toEqual({
      evidenceId: "ev-1",
      userId: "aad-amira",
      channel: "19:general@thread.tacv2;messageid=1700000000500",
      ts: "1700000000777",
      threadTs: "1700000000500",
    });
    const inChat = message({ id: "19:chat@thread.v2", conversationType: "groupChat" });
    expect(cardCopyOf(inChat, card, "1700000000601", "aad-amira")).toEqual({
      evidenceId: "ev-1",
      userId: "aad-amira",
      channel: "19:chat@thread.v2",
      ts: "1700000000601",
    });
    expect(
      cardCopyOf(message({ id: "a:1", conversationType: "personal" }), card, "x", "aad-amira"),
    ).toBeUndefined();
  });
});
