// What a person types is read as the command they meant, and anything else goes to the mapper.
import { describe, expect, it } from "vitest";
import { readIntent } from "../../src/bot/intents.ts";

describe("readIntent", () => {
  it.each([
    ["help", "help"],
    ["What can you do?", "help"],
    ["progress", "progress"],
    ["How am I doing?", "progress"],
    ["what's missing", "progress"],
    ["Queue", "queue"],
    ["sample", "sample"],
    ["Hiya!", "greeting"],
    ["thanks!", "thanks"],
    ["Cheers", "thanks"],
    ["link", "sign_in"],
    ["Sign in", "sign_in"],
    ["open my portfolio", "sign_in"],
    ["recent", "recent"],
    ["My evidence", "recent"],
  ])("reads %j as %s", (text, kind) => {
    expect(readIntent(text).kind).toBe(kind);
  });

  it.each([
    ["ask Sam Patel to witness this", "sam patel"],
    ["Ask sam.patel@example.com to witness", "sam.patel@example.com"],
    ["please ask @Dee to be my witness", "dee"],
    ["get Priya to give testimony on my last one", "priya"],
  ])("reads %j as a witness request for %s", (text, who) => {
    expect(readIntent(text)).toEqual({ kind: "witness_request", who });
  });

  it.each([
    ["plan for Amira", { kind: "action_plan", rest: "Amira" }],
    [
      "plan Amira 201 Friday 10:00 at the Leeds store",
      { kind: "action_plan", rest: "Amira 201 Friday 10:00 at the Leeds store" },
    ],
    ["Action plan with Amira Hussain", { kind: "action_plan", rest: "Amira Hussain" }],
    ["feedback for Amira on E6: well done", { kind: "feedback", rest: "Amira on E6: well done" }],
    ["Give feedback to Amira on unit 201: …", { kind: "feedback", rest: "Amira on unit 201: …" }],
    [
      "expert statement for Amira on E6 from Tom Reid: saw it",
      { kind: "expert_statement", rest: "Amira on E6 from Tom Reid: saw it" },
    ],
    [
      "oral questions with Amira: asked about refunds",
      { kind: "assessor_record", method: "oral_questioning", rest: "Amira: asked about refunds" },
    ],
  ])("reads the assessor's %j", (text, intent) => {
    expect(readIntent(text)).toEqual(intent);
  });

  it("does not take an account that starts with 'planned' or mentions feedback as a command", () => {
    for (const text of [
      "Planned the rota with my manager so the tills were covered at lunchtime.",
      "A customer gave feedback about the queue and I thanked her and told my supervisor.",
    ])
      expect(readIntent(text)).toEqual({ kind: "account", text });
  });

  it("passes an account through untouched, even when it mentions progress or help", () => {
    const text = "A customer asked for help finding a size 12 and I checked the stockroom for her.";
    expect(readIntent(text)).toEqual({ kind: "account", text });
  });
});
