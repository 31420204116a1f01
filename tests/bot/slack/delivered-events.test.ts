// The Slack event ids a process remembers answering: forgotten after an hour, and never more than the cap.
import { describe, expect, it } from "vitest";
import { DeliveredEvents } from "../../../src/bot/slack/delivered-events.ts";
import { withinSlackWindow } from "../../../src/bot/slack/request-window.ts";

describe("delivered Slack events", () => {
  it("remembers an id until it expires, and keeps only the newest when full", () => {
    let now = 0;
    const seen = new DeliveredEvents(() => now, 1000, 3);
    seen.add("a");
    expect(seen.has("a")).toBe(true);
    now = 1001;
    expect(seen.has("a")).toBe(false);
    for (const id of ["b", "c", "d", "e"]) seen.add(id);
    expect(["b", "c", "d", "e"].map((id) => seen.has(id))).toEqual([false, true, true, true]);
  });

  it("takes timestamps within five minutes either way, and nothing else", () => {
    const now = 1_700_000_000_000;
    const at = (seconds: number) => String(now / 1000 + seconds);
    expect(withinSlackWindow(at(0), now)).toBe(true);
    expect(withinSlackWindow(at(300), now)).toBe(true);
    expect(withinSlackWindow(at(-300), now)).toBe(true);
    expect(withinSlackWindow(at(301), now)).toBe(false);
    expect(withinSlackWindow(at(-301), now)).toBe(false);
    expect(withinSlackWindow(at(3600), now)).toBe(false);
    for (const bad of [undefined, "", "soon", "1e400"]) expect(withinSlackWindow(bad, now)).toBe(false);
  });
});
