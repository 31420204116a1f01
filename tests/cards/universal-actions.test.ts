// Teams' Universal Actions on every card: a refresh names who it is for (at most 60), each Action.Execute falls back.

import { describe, expect, it } from "vitest";
import { adaptiveCard, MAX_REFRESH_USERS } from "../../src/cards/render.ts";
import { adaptiveCardProblems, adaptiveRoundTripLosses, executeActions } from "./checks.ts";
import { EXAMPLES } from "./fixtures.ts";

const people = (n: number) => Array.from({ length: n }, (_, i) => `29:person-${i}`);

describe.each(Object.keys(EXAMPLES))("%s card", (name) => {
  const view = EXAMPLES[name];
  if (!view) throw new Error(name);

  it("gives every Action.Execute a fallback Action.Submit with the same title and payload, for older clients", () => {
    const card = adaptiveCard(view);
    for (const action of executeActions(card)) {
      expect(action.fallback).toEqual(
        expect.objectContaining({ type: "Action.Submit", title: action.title, data: action.data }),
      );
    }
  });

  it("names the people its refresh is for (no one twice, at most 60) and still parses without warnings", () => {
    const card = adaptiveCard(view, { refreshUserIds: [...people(70), "29:person-0"] });
    if (!card.refresh) {
      expect(adaptiveCard(view).refresh).toBeUndefined();
      return;
    }
    expect(card.refresh.userIds).toEqual(people(MAX_REFRESH_USERS));
    expect(adaptiveCard(view, { refreshUserIds: ["29:amira"] }).refresh?.userIds).toEqual(["29:amira"]);
    // With nobody named, the refresh still carries the list (empty): Teams then refreshes only on demand.
    expect(adaptiveCard(view).refresh?.userIds).toEqual([]);
    expect(adaptiveCardProblems(card)).toEqual([]);
    expect(adaptiveRoundTripLosses(card)).toEqual([]);
  });
});
