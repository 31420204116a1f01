// Slack shortcuts: "File as evidence" and "Ask a witness" on a message, and a global "File evidence" form; replies go to the person's DM.
import type { App, MessageShortcut, ViewSubmitAction } from "@slack/bolt";
import type { ModalView } from "@slack/types";
import type { WebClient } from "@slack/web-api";
import { handleSafely } from "../channel-errors.ts";
import type { ChannelLog } from "../channel-log.ts";
import type { Actor, BotCommand, BotCore, BotReply, MessageAction } from "../types.ts";
import type { CopyKeeper } from "./copy-keeper.ts";
import { plainText } from "./event-to-command.ts";
import { messageBody } from "./render.ts";

/** The callback ids of the shortcuts in manifest/slack/manifest.yml. */
export const SHORTCUTS = {
  fileMessage: "shiftnote_file_message",
  witnessMessage: "shiftnote_witness_message",
  fileGlobal: "shiftnote_file_evidence",
} as const;
/** The global shortcut's form. */
export const FILE_FORM_CALLBACK = "shiftnote.file_form";
const FORM_BLOCK = "account";
const FORM_ACTION = "account_text";

export interface ShortcutDeps {
  core: BotCore;
  log: ChannelLog;
  copies: CopyKeeper;
  actorOf(userId: string): Promise<Actor>;
  lookupName(userId: string): Promise<string | undefined>;
  afterTurn?: () => Promise<void>;
}

type ShortcutArgs = Parameters<Parameters<App["shortcut"]>[1]>[0];
type ViewArgs = Parameters<Parameters<App["view"]>[1]>[0];

/** The form the global shortcut opens: one box for the account, filed like a DM. */
export function fileForm(): ModalView {
  return {
    type: "modal",
    callback_id: FILE_FORM_CALLBACK,
    title: { type: "plain_text", text: "File evidence" },
    submit: { type: "plain_text", text: "Suggest standards" },
    close: { type: "plain_text", text: "Cancel" },
    blocks: [
      {
        type: "input",
        block_id: FORM_BLOCK,
        label: { type: "plain_text", text: "What happened with the customer?" },
        hint: {
          type: "plain_text",
          text: "What they needed, what you did and how it ended. I'll suggest the standards it covers in our DM.",
        },
        element: { type: "plain_text_input", action_id: FORM_ACTION, multiline: true, max_length: 3000 },
      },
    ],
  };
}

/** The listeners for the shortcuts and the global form. */
export function slackShortcuts(deps: ShortcutDeps) {
  /** Runs the command and posts every reply in the person's DM with the app (chat.postMessage to their user id). */
  const answerInDm = async (client: WebClient, userId: string, command: BotCommand) => {
    const { replies } = await handleSafely(deps.core, command, deps.log);
    for (const reply of replies) await postToDm(client, userId, reply);
    deps.afterTurn?.().catch(() => {});
  };
  const postToDm = async (client: WebClient, userId: string, reply: BotReply) => {
    const sent = await client.chat.postMessage({ channel: userId, ...messageBody(reply) });
    await deps.copies.shown(reply, { userId, channel: sent.channel ?? userId, ts: sent.ts });
  };

  return {
    async shortcut({ ack, shortcut, client }: ShortcutArgs) {
      await ack();
      if (shortcut.type === "shortcut") {
        if (shortcut.callback_id === SHORTCUTS.fileGlobal)
          await client.views.open({ trigger_id: shortcut.trigger_id, view: fileForm() });
        return;
      }
      const kind =
        shortcut.callback_id === SHORTCUTS.fileMessage
          ? "file_evidence"
          : shortcut.callback_id === SHORTCUTS.witnessMessage
            ? "ask_witness"
            : undefined;
      if (!kind) return;
      const message = (shortcut as MessageShortcut).message as { text?: string; user?: string; ts?: string };
      const authorName = message.user ? await deps.lookupName(message.user) : undefined;
      const action: MessageAction = {
        kind,
        ...(message.user ? { authorUserId: message.user } : {}),
        ...(authorName ? { authorName } : {}),
      };
      await answerInDm(client, shortcut.user.id, {
        channel: "slack",
        actor: await deps.actorOf(shortcut.user.id),
        conversationId: shortcut.user.id,
        text: plainText(message.text ?? "", undefined, new Map()),
        messageAction: action,
        eventId: `shortcut:${shortcut.trigger_id}`,
        conversationReference: { channel: shortcut.user.id, userId: shortcut.user.id },
      });
    },

    async fileForm({ ack, body, view, client }: ViewArgs) {
      const text = view.state.values[FORM_BLOCK]?.[FORM_ACTION]?.value?.trim() ?? "";
      if (!text) {
        await ack({ response_action: "errors", errors: { [FORM_BLOCK]: "Write what happened first." } });
        return;
      }
      await ack();
      const submit = body as ViewSubmitAction;
      await answerInDm(client, submit.user.id, {
        channel: "slack",
        actor: await deps.actorOf(submit.user.id),
        conversationId: submit.user.id,
        text,
        messageAction: { kind: "file_evidence" },
        eventId: `view:${view.id}`,
        conversationReference: { channel: submit.user.id, userId: submit.user.id },
      });
    },
  };
}
