// The playground page: pick a demo person, talk to the bot core, render its Adaptive Cards and send their actions back.
(() => {
  const log = document.getElementById("log");
  const who = document.getElementById("who");
  const text = document.getElementById("text");
  const file = document.getElementById("file");
  const record = document.getElementById("record");
  const seen = new Map();

  const composer = document.getElementById("composer");

  /**
   * Brings the newest messages into view above the sticky composer. A turn's replies (words, then a card) are placed
   * together: when they do not all fit, the first one's top is shown (a card's title and first lines), never a
   * card's middle or the room under the composer.
   */
  const room = () => window.innerHeight - composer.offsetHeight - 16;
  const place = (first, last) => {
    const top = first.getBoundingClientRect().top;
    const bottom = last.getBoundingClientRect().bottom;
    const composerTop = composer.getBoundingClientRect().top;
    // Scroll by just enough: the last one's bottom above the composer, or the first one's top at the top.
    const by = bottom - top <= room() ? bottom - (composerTop - 8) : top - 8;
    window.scrollBy({ top: by, left: 0, behavior: "instant" });
  };
  let batch = null;
  const add = (node) => {
    log.appendChild(node);
    if (batch) {
      if (!batch.first) batch.first = node;
      batch.last = node;
      return;
    }
    place(node, node);
    // A card's images and fonts can change its height after it is added: keep it placed.
    requestAnimationFrame(() => place(node, node));
  };
  /** Adds what `fill` adds as one turn, then places it as a whole. */
  const together = (fill) => {
    const outer = batch;
    batch = {};
    try {
      fill();
    } finally {
      const { first, last } = batch;
      batch = outer;
      if (first && !outer) {
        place(first, last);
        requestAnimationFrame(() => place(first, last));
      } else if (first && outer) {
        if (!outer.first) outer.first = first;
        outer.last = last;
      }
    }
  };

  /** Roles in words, as people say them. */
  const ROLE_WORDS = {
    candidate: "candidate",
    assessor: "assessor",
    internal_verifier: "internal verifier",
    witness: "witness",
    admin: "centre admin",
  };
  const roleWords = (p) => {
    const words = (p.roles || []).map((r) => ROLE_WORDS[r] || r.replace(/_/g, " "));
    const title = (p.jobTitle || "").toLowerCase();
    if (title && !words.includes(title)) words.unshift(title);
    return words.join(", ");
  };

  /** What the composer invites each person to do. */
  const invitation = (roles) => {
    if (roles.includes("candidate")) return "Tell Shiftnote about a customer you helped, or type help";
    if (roles.includes("assessor")) return "Type queue to see evidence waiting for your decision, or help";
    if (roles.includes("internal_verifier")) return "Type sample to see assessed evidence to sample, or help";
    if (roles.includes("witness")) return "Requests to witness arrive here. Type help to see what you can do";
    if (roles.includes("admin")) return "Type help to see what a centre admin can do";
    return "Type help";
  };
  const rolesOf = new Map();
  const bubble = (content, cls, label) => {
    const div = document.createElement("div");
    div.className = `msg ${cls || ""}`;
    if (label) {
      const span = document.createElement("span");
      span.className = "who";
      span.textContent = label;
      div.appendChild(span);
    }
    div.appendChild(document.createTextNode(content));
    return div;
  };

  // The cards' own host config (Teams-like colours and spacing), served from src/cards/host-config.ts.
  let hostConfig = new AdaptiveCards.HostConfig({ fontFamily: "system-ui, Segoe UI, Roboto, sans-serif" });
  const looks = fetch("/playground/assets/host-config.json")
    .then((r) => (r.ok ? r.json() : {}))
    .then((out) => {
      if (out.hostConfig) hostConfig = new AdaptiveCards.HostConfig(out.hostConfig);
      if (out.hostCss) {
        const style = document.createElement("style");
        style.textContent = out.hostCss;
        document.head.appendChild(style);
      }
    })
    .catch(() => {});

  // Cards about a piece of evidence carry a refresh action, as in Teams: a copy shown again (from the inbox,
  // or beside a card just acted on) asks for the evidence as it is now, so no copy offers stale buttons.
  const refreshOf = new WeakMap();

  async function refreshCard(holder) {
    const data = refreshOf.get(holder);
    if (!data || !who.value) return;
    const out = await post({ action: data });
    // Only a card replaces the copy; otherwise it stays as it was and the next refresh tries again.
    const fresh = out.ok && (out.replies || []).find((r) => r.card);
    if (fresh) renderCard(fresh.card, holder);
  }

  /** After an action on one card, the other copies of cards about the same evidence catch up. */
  function refreshCopies(evidenceId, except) {
    for (const holder of log.querySelectorAll(".card")) {
      if (holder !== except && refreshOf.get(holder)?.evidenceId === evidenceId) refreshCard(holder);
    }
  }

  /**
   * What the Adaptive Cards renderer leaves out for screen readers: a level on its headings, and a name on a
   * choice with no label (taken from the text just before it, as a sighted person reads it).
   */
  function accessible(root) {
    for (const h of root.querySelectorAll('[role="heading"]:not([aria-level])'))
      h.setAttribute("aria-level", "3");
    for (const input of root.querySelectorAll("select, input, textarea")) {
      if (
        input.type === "hidden" ||
        input.getAttribute("aria-label") ||
        input.getAttribute("aria-labelledby")
      )
        continue;
      if (input.id && root.querySelector(`label[for="${CSS.escape(input.id)}"]`)) continue;
      let node = input;
      let words = "";
      while (node && node !== root && !words) {
        let prev = node.previousElementSibling;
        while (prev && !words) {
          words = (prev.textContent || "").trim();
          prev = prev.previousElementSibling;
        }
        node = node.parentElement;
      }
      input.setAttribute("aria-label", (words || "Choose").slice(0, 120));
    }
  }

  function renderCard(json, holder) {
    const card = new AdaptiveCards.AdaptiveCard();
    const wrap = holder || document.createElement("div");
    card.hostConfig = hostConfig;
    // The answer to an action replaces the card it came from.
    card.onExecuteAction = (action) => {
      // A link to the person's own pages opens them, as it would in Teams.
      if (action instanceof AdaptiveCards.OpenUrlAction)
        return void window.open(action.url, "_blank", "noopener");
      const data = Object.assign({}, action.data || {});
      if (action instanceof AdaptiveCards.ExecuteAction && action.verb) data.verb = action.verb;
      send({ action: data }, wrap);
    };
    card.parse(json);
    const el = card.render();
    wrap.className = "card";
    wrap.replaceChildren(el);
    accessible(wrap);
    const refresh = json.refresh?.action;
    if (refresh?.data) refreshOf.set(wrap, Object.assign({}, refresh.data, { verb: refresh.verb }));
    else refreshOf.delete(wrap);
    return wrap;
  }

  function show(replies, sourceCard, fromInbox) {
    together(() => showEach(replies, sourceCard, fromInbox));
  }

  function showEach(replies, sourceCard, fromInbox) {
    for (const reply of replies) {
      // The words introduce the card, so they come first.
      if (reply.text) add(bubble(reply.text, "", "Shiftnote"));
      if (reply.card && reply.replacesCard && sourceCard) {
        renderCard(reply.card, sourceCard);
        // The answer replaces the card pressed (often shorter, with the outcome at its top): show that top.
        const top = sourceCard.getBoundingClientRect().top;
        if (top < 0) window.scrollBy({ top: top - 8, left: 0, behavior: "instant" });
        const about = refreshOf.get(sourceCard);
        if (about) refreshCopies(about.evidenceId, sourceCard);
      } else if (reply.card) {
        const holder = renderCard(reply.card);
        add(holder);
        // A card kept in the inbox was made when it was sent: show it as it is now.
        if (fromInbox) refreshCard(holder);
      }
    }
  }

  /** Speaks to the bot as the chosen person; `ok` is false when it could not be reached or refused. */
  async function post(body) {
    let res;
    try {
      res = await fetch("/playground/api/messages", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(Object.assign({ as: who.value }, body)),
      });
    } catch {
      return { ok: false, unreachable: true, replies: [] };
    }
    const out = await res
      .json()
      .catch(() => ({ replies: [{ text: "The server sent something we could not read. Try again." }] }));
    if (!res.ok && !out.replies) out.replies = [{ text: out.error || "That did not work. Try again." }];
    return Object.assign(out, { ok: res.ok });
  }

  /**
   * Turns still on their way: the conversation is busy (aria-busy) until every one's replies are drawn, so
   * screen readers wait for them (and so do the browser tests).
   */
  let pending = 0;
  const UNREACHABLE = "Shiftnote could not be reached. Check it is still running, then try again.";
  async function busy(turn) {
    pending++;
    log.setAttribute("aria-busy", "true");
    try {
      await turn();
    } finally {
      pending--;
      if (pending === 0) log.removeAttribute("aria-busy");
    }
  }

  function send(body, sourceCard) {
    if (!who.value) return;
    return busy(async () => {
      const out = await post(body);
      if (out.unreachable) {
        add(bubble(UNREACHABLE, "note"));
        return;
      }
      show(out.replies || [], sourceCard);
    });
  }

  /** Posts a voice note or a file and shows the replies; `unreadable` is said when the answer is not one. */
  function postFile(url, blob, unreadable) {
    return busy(async () => {
      const res = await fetch(url, {
        method: "POST",
        headers: { "content-type": blob.type || "application/octet-stream" },
        body: blob,
      }).catch(() => undefined);
      const out = res ? await res.json().catch(() => ({ error: unreadable })) : { error: UNREACHABLE };
      show(out.replies || [{ text: out.error }]);
    });
  }

  function sendFile(blob, name) {
    add(bubble(`(voice note: ${name})`, "mine"));
    const url = `/playground/api/voice?as=${encodeURIComponent(who.value)}&name=${encodeURIComponent(name)}`;
    return postFile(url, blob, "The upload failed. Try again, or type your account.");
  }

  // A photo or document, with whatever is typed in the box as its account.
  const upload = document.getElementById("document");
  upload.addEventListener("change", async () => {
    const chosen = upload.files[0];
    upload.value = "";
    if (!chosen || !who.value) return;
    const words = text.value.trim();
    text.value = "";
    add(bubble(`${words ? `${words}\n` : ""}(file: ${chosen.name})`, "mine"));
    const url = `/playground/api/file?as=${encodeURIComponent(who.value)}&name=${encodeURIComponent(chosen.name)}&text=${encodeURIComponent(words)}`;
    await postFile(url, chosen, "That file is too large: please send one under 10 MB.");
  });

  async function inbox() {
    if (!who.value) return;
    const res = await fetch(`/playground/api/inbox?as=${encodeURIComponent(who.value)}`);
    if (!res.ok) return;
    const out = await res.json();
    const fresh = (out.replies || []).filter((r) => !seen.has(r.id));
    for (const r of fresh) seen.set(r.id, true);
    const earlier = fresh.filter((r) => r.earlier);
    const recent = fresh.filter((r) => !r.earlier);
    together(() => {
      if (earlier.length) {
        add(bubble("Earlier messages, from before you last looked:", "note"));
        showEach(earlier, undefined, true);
      }
      if (recent.length) {
        add(bubble("New for you:", "note"));
        showEach(recent, undefined, true);
      }
    });
  }

  document.getElementById("composer").addEventListener("submit", async (event) => {
    event.preventDefault();
    const value = text.value.trim();
    if (!value) return;
    add(bubble(value, "mine", who.options[who.selectedIndex]?.text));
    text.value = "";
    await send({ text: value });
  });
  text.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) document.getElementById("send").click();
  });
  file.addEventListener("change", () => {
    if (file.files[0]) sendFile(file.files[0], file.files[0].name);
    file.value = "";
  });

  let recorder;
  record.addEventListener("click", async () => {
    if (recorder && recorder.state === "recording") {
      recorder.stop();
      return;
    }
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
      const chunks = [];
      recorder = new MediaRecorder(stream);
      recorder.ondataavailable = (e) => chunks.push(e.data);
      recorder.onstop = () => {
        for (const t of stream.getTracks()) t.stop();
        record.setAttribute("aria-pressed", "false");
        record.textContent = "Record";
        sendFile(new Blob(chunks, { type: recorder.mimeType }), "voice-note.webm");
      };
      recorder.start();
      record.setAttribute("aria-pressed", "true");
      record.textContent = "Stop";
    } catch {
      add(
        bubble(
          "This browser would not let us use the microphone. Upload a voice note instead, or type.",
          "note",
        ),
      );
    }
  });

  who.addEventListener("change", () => {
    text.placeholder = invitation(rolesOf.get(who.value) || []);
    log.replaceChildren(
      bubble(`You are now ${who.options[who.selectedIndex].text}. Type help to see what you can do.`, "note"),
    );
    seen.clear();
    inbox();
  });

  looks
    .then(() => fetch("/playground/api/people"))
    .then((r) => r.json())
    .then((out) => {
      for (const p of out.people || []) {
        const option = document.createElement("option");
        option.value = p.email;
        option.textContent = `${p.name} (${roleWords(p)})`;
        rolesOf.set(p.email, p.roles || []);
        who.appendChild(option);
      }
      // Start as a candidate (Amira in the demo centre), the person the README's steps begin with.
      const start =
        (out.people || []).find((p) => p.email.startsWith("amira.")) ||
        (out.people || []).find((p) => (p.roles || []).includes("candidate"));
      if (start) who.value = start.email;
      if (!who.options.length)
        add(bubble("No demo people yet. Run npx shiftnote demo, then reload.", "note"));
      who.dispatchEvent(new Event("change"));
    });
  setInterval(inbox, 3000);
})();
