// The Teams tab's sign-in page: how to get a sign-in link from the bot, and a box to paste one into.
import { html } from "../html.ts";
import { page } from "./layout.ts";

/** Shown in the My portfolio tab to someone not signed in there yet. */
export function tabSignInPage(options: { notice?: string } = {}): string {
  return page(
    {
      title: "Sign in to Shiftnote",
      ...(options.notice ? { notice: { text: options.notice, error: true } } : {}),
      lede: "This tab shows your own Shiftnote pages: your progress, what is still missing and what to aim for next, and your recent evidence; an assessor's queue; a verifier's sampling.",
    },
    html`<h2>Get a sign-in link from the bot</h2>
<ol>
  <li>Open your chat with Shiftnote (the <strong>Chat</strong> tab of this app).</li>
  <li>Type <kbd>link</kbd>.</li>
  <li>Press <strong>Open the My portfolio tab</strong> in its answer: this tab opens, signed in as you. The link works once, for 30 minutes.</li>
</ol>
<h2>Or paste the link here</h2>
<form method="post" action="/auth/link">
  <label for="token">Sign-in link from Shiftnote</label>
  <input id="token" name="token" type="text" autocomplete="off" spellcheck="false" required>
  <button type="submit">Sign in</button>
</form>
<p class="muted">You stay signed in here for 8 hours. Nobody else's pages open in your tab: it shows only what you may see.</p>`,
  );
}
