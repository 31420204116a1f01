// Privacy check: each kind of personal data is found with exact offsets, ordinary words are not, redaction is stable.
import { describe, expect, it } from "vitest";
import { checkPrivacy } from "../../src/mapping/privacy.ts";
import type { PersonalDataSpan } from "../../src/mapping/types.ts";

const found = (text: string) => checkPrivacy(text).found.map((s) => [s.kind, s.text]);

function expectOffsetsExact(text: string, spans: PersonalDataSpan[]) {
  for (const s of spans) expect(text.slice(s.start, s.end)).toBe(s.text);
}

describe("checkPrivacy: names", () => {
  it("finds a customer's name after a title, written or spoken", () => {
    expect(found("I served Mrs Okafor at the returns desk.")).toEqual([["name", "Mrs Okafor"]]);
    expect(found("Then Mr. Hollis came back with the receipt.")).toEqual([["name", "Mr. Hollis"]]);
    expect(found("Mrs O'Leary and Mr Baines-Whitfield were both waiting.")).toEqual([
      ["name", "Mrs O'Leary"],
      ["name", "Mr Baines-Whitfield"],
    ]);
    expect(found("so mr kowalski wanted his money back")).toEqual([["name", "mr kowalski"]]);
  });

  it("finds a name after a naming cue", () => {
    expect(found("A man called Dave Pritchard rang about his parcel.")).toEqual([["name", "Dave Pritchard"]]);
    expect(found("Her name was Anjali and she was in a rush.")).toEqual([["name", "Anjali"]]);
    expect(found("A woman named Carys Moreton asked for the manager.")).toEqual([["name", "Carys Moreton"]]);
    expect(found("um a lady called bernadette fox came in about the boiler")).toEqual([
      ["name", "bernadette fox"],
    ]);
  });

  it("finds a name straight after a word for the customer", () => {
    expect(found("The customer, Gareth Lloyd, had been overcharged.")).toEqual([["name", "Gareth Lloyd"]]);
  });

  it("finds a full name with no cue when it starts with a common first name", () => {
    expect(found("Sarah Jones from the council rang to complain about the bins.")).toEqual([
      ["name", "Sarah Jones"],
    ]);
  });

  it("leaves colleagues' first names, phone calls and services alone", () => {
    expect(found("I asked Sarah to cover the till while I called Tom in the warehouse.")).toEqual([]);
    expect(found("A lady called in about her refund and I called security.")).toEqual([]);
    expect(found("I sent her to Customer Services on the first floor.")).toEqual([]);
  });

  it("does not flag days, festivals, shops or places", () => {
    const text =
      "It was the Friday before Christmas, Black Friday week, and the Boots in Leeds was rammed. " +
      "A customer from Manchester wanted a John Lewis gift card. On Boxing Day I was at the Tesco Express.";
    expect(found(text)).toEqual([]);
    const brands =
      "The Costa Coffee machine broke, so I sent her to the Milton Keynes branch. She bought a Ted Baker bag " +
      "and a John Lewis voucher, and the North Yorkshire Police came in about a bike.";
    expect(found(brands)).toEqual([]);
  });
});

describe("checkPrivacy: numbers, emails and addresses", () => {
  it("finds UK phone numbers in the usual forms", () => {
    expect(found("Her mobile is 07700 900461.")).toEqual([["phone", "07700 900461"]]);
    expect(found("Ring 020 7946 0321 or 0113 496 0777.")).toEqual([
      ["phone", "020 7946 0321"],
      ["phone", "0113 496 0777"],
    ]);
    expect(found("He gave +44 7700 900982 and then +44 (0)161 496 0123.")).toEqual([
      ["phone", "+44 7700 900982"],
      ["phone", "+44 (0)161 496 0123"],
    ]);
    expect(found("call 07700900123 back")).toEqual([["phone", "07700900123"]]);
  });

  it("finds email addresses", () => {
    expect(found("She wrote from j.oduya-smith+orders@example.co.uk about it.")).toEqual([
      ["email", "j.oduya-smith+orders@example.co.uk"],
    ]);
  });

  it("finds street addresses and postcodes", () => {
    expect(found("It was going to 14 Larkspur Close, Harrogate HG1 4QT on Monday.")).toEqual([
      ["address", "14 Larkspur Close"],
      ["postcode", "HG1 4QT"],
    ]);
    expect(found("deliver to flat 2 31 mill lane sw1a 1aa please")).toEqual([
      ["address", "flat 2 31 mill lane"],
      ["postcode", "sw1a 1aa"],
    ]);
  });

  it("finds a street named without a number when someone lives there", () => {
    expect(found("She lives up on Woodland Rise near the school.")).toEqual([["address", "Woodland Rise"]]);
    expect(found("I walked up Woodland Rise to the bus.")).toEqual([]);
  });

  it("finds card numbers only when they pass the Luhn check", () => {
    expect(found("The card 4539 1488 0343 6467 was declined.")).toEqual([
      ["card_number", "4539 1488 0343 6467"],
    ]);
    expect(found("Card 5555-5555-5555-4444 again.")).toEqual([["card_number", "5555-5555-5555-4444"]]);
    expect(found("The order number was 4539 1488 0343 6468.")).toEqual([]);
  });

  it("finds account numbers and sort codes that are introduced as such", () => {
    const text = "Her account number is 31926819 and the sort code 60-16-13; membership no. 88120044.";
    expect(found(text)).toEqual([
      ["account_number", "31926819"],
      ["account_number", "60-16-13"],
      ["account_number", "88120044"],
    ]);
    expect(checkPrivacy(text).redacted).toBe(
      "Her account number is [account number] and the sort code [sort code]; membership no. [account number].",
    );
    expect(found("His IBAN was GB33BUKB20201555555555 and the old one GB33BUKB20201555555556.")).toEqual([
      ["account_number", "GB33BUKB20201555555555"],
    ]);
  });

  it("does not flag times, prices, dates, quantities or till numbers", () => {
    const text =
      "At 10:45 on 12/11/2024 I refunded £1,249.99 on till 3. I waited 2 hours close to the door, " +
      "served 40 customers, and the queue was 3 deep by 4pm. Receipt 0042 7781.";
    expect(found(text)).toEqual([]);
  });
});

describe("checkPrivacy: offsets and redaction", () => {
  const text =
    "On Saturday a man called Dave Pritchard rang on 07700 900461 from 14 Larkspur Close, HG1 4QT. " +
    "Mrs Okafor paid with 4539 1488 0343 6467 and emailed okafor@example.com.";

  it("gives offsets into the original text", () => {
    const report = checkPrivacy(text);
    expect(report.found.map((s) => s.kind)).toEqual([
      "name",
      "phone",
      "address",
      "postcode",
      "name",
      "card_number",
      "email",
    ]);
    expectOffsetsExact(text, report.found);
    for (let i = 1; i < report.found.length; i++)
      expect(report.found[i]?.start).toBeGreaterThanOrEqual(report.found[i - 1]?.end ?? 0);
  });

  it("replaces each span with a placeholder", () => {
    expect(checkPrivacy(text).redacted).toBe(
      "On Saturday a man called [customer's name] rang on [phone number] from [address], [postcode]. " +
        "[customer's name] paid with [card number] and emailed [email address].",
    );
  });

  it("is idempotent on redacted text", () => {
    const once = checkPrivacy(text).redacted;
    const twice = checkPrivacy(once);
    expect(twice.found).toEqual([]);
    expect(twice.redacted).toBe(once);
  });

  it("copes with empty, blank, emoji-only and very long text", () => {
    expect(checkPrivacy("")).toEqual({ found: [], redacted: "" });
    expect(checkPrivacy("   \n")).toEqual({ found: [], redacted: "   \n" });
    expect(checkPrivacy("🙂🙂👍").found).toEqual([]);
    const long = `${"The till froze and I apologised to the customer. ".repeat(2000)}Mrs Okafor waited.`;
    const report = checkPrivacy(long);
    expect(report.found).toHaveLength(1);
    expectOffsetsExact(long, report.found);
  });
});
