// The Slack event ids a process claims and remembers answering: a lease while answering, forgotten after an hour, never more than the cap.
import { describe, expect, it } from "vitest";
import { DeliveredEvents } from "../../../src/bot/slack/delivered-events.ts";
import { withinSlackWindow } from "../../../src/bot/slack/request-window.ts";

describe("delivered Slack events", () => {
  it("holds an id while it is answered, remembers it until it expires, and keeps only the newest when full", async () => {
    let now = 0;
    const seen = new DeliveredEvents(() => now, 1000, 3, 100);
    expect(await seen.claim("a")).toBe(true);
    expect(await seen.claim("a")).toBe(false);
    // A claim whose answer never came (its process stopped) runs out after the lease.
    now = 101;
    expect(await seen.claim("a")).toBe(true);
    await seen.answered("a");
    now = 1100;
    expect(await seen.claim("a")).toBe(false);
    now = 1102;
    expect(await seen.claim("a")).toBe(true);
    // A failed answer lets the next delivery try again.
    await seen.release("a");
    expect(await seen.claim("a")).toBe(true);
    for (const id of ["b", "c", "d", "e"]) await seen.answered(id);
    // The newest three are remembered; the oldest was let go, so it may be answered.
    const again: boolean[] = [];
    for (const id of ["e", "d", "c", "b"]) again.push(await seen.claim(id));
    expect(again).toEqual([false, false, false, true]);
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
