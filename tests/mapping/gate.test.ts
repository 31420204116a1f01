// The not-evidence gate on hard cases written for this test: rants, someone else's deed and the writer as the customer somewhere else are refused kindly; real accounts in every register are kept.
import { describe, expect, it } from "vitest";
import { mapEvidence } from "../../src/mapping/offline.ts";
import { shownClaims } from "../../src/mapping/types.ts";

const PLAN = { level: 2, units: ["101", "105", "201", "205", "206", "208", "213"] };

const NOT_EVIDENCE: Array<[string, string]> = [
  [
    "a rant about a long shift",
    "What a shift. Twelve hours on my feet and the heating in the staff room still isn't fixed. I had my lunch at four in the afternoon because nobody came to cover my break, and when I mentioned it the supervisor just shrugged. I'm exhausted and my back is killing me. I love the job most days but today I just wanted to go home and cry.",
  ],
  [
    "a rant about pay, typed in shorthand",
    "payslip came thru & they've docked me 2 hrs again for the training day. been on to HR twice, no reply. honestly fuming, that's my bus fare for the month. if it's not sorted by friday im looking for another job tbh",
  ],
  [
    "a voice note about a bad commute",
    "so yeah um the train was cancelled again this morning and then the replacement bus took forever and i was sat there for like an hour and my phone died so i couldn't even text anyone to say i'd be late and when i finally got in i was just so stressed and soaked through honestly what a start to the week",
  ],
  [
    "a complaint about a colleague",
    "I'm getting really fed up with one of the lads on my team. He turns up late nearly every day, spends half the shift on his phone out the back, and somehow I always end up doing his bit of the floor as well as mine. I've hinted a few times but I don't want to be the one who grasses him up.",
  ],
  [
    "a team leader's deed, as the writer heard it",
    "Apparently our team leader Sandra sorted out a massive complaint yesterday while I was on my day off. A man had been sent the wrong sofa twice and was shouting at the desk, and she took him into the office, listened to the whole story, apologised and arranged a replacement for the following morning and a refund of the delivery charge. Everyone says she was brilliant.",
  ],
  [
    "a voice note about what a colleague did",
    "um so my mate jade at work she's amazing right this customer came in really upset because her parcel had gone missing and jade checked the tracking and rang the depot and found it and then she offered to drop it round after her shift honestly she's the best i wish i was that calm",
  ],
  [
    "a colleague's deed in a hotel",
    "Our night porter Dev deserves a shout out. A family arrived at midnight and their booking had been lost, so he found them a room in the annexe, carried all their bags up and made the kids hot chocolate from the bar. The manager heard about it from the family's review and he's getting employee of the month.",
  ],
  [
    "the writer returning shoes",
    "Took my trainers back to the sports shop because the sole came away after a week. The assistant looked at them, said it was a manufacturing fault and gave me a full refund without any fuss, which I didn't expect. I ended up buying a different pair while I was there.",
  ],
  [
    "news about the company",
    "Did everyone see the email from head office? They're closing two of the branches in the north and merging the call centres by the spring. Nobody knows yet what happens to the staff. The article in the local paper said up to a hundred jobs could go. I'm trying not to worry but it's hard not to.",
  ],
  [
    "a power cut at home",
    "We had no electricity for six hours last night after the storm brought a tree down on the lines. The freezer defrosted, the kids were scared of the dark and my partner had to work from the car with the phone as a hotspot. The electricity company kept texting that engineers were on the way. It finally came back at three in the morning.",
  ],
  [
    "the writer taking their son to the GP",
    "Had to take my son to the GP this morning with his ear. The receptionist squeezed us in at eleven after a cancellation, the nurse checked his temperature and gave him a sticker for being brave, and the doctor said it was an infection and wrote a prescription. We picked the antibiotics up from the chemist next door on the way home and he's asleep on the sofa now.",
  ],
  [
    "the writer returning a faulty phone",
    "My new phone kept restarting itself, so on Saturday I took it back to the shop where I bought it. The assistant listened, apologised, ran a test on it and explained that it was a known fault with that batch. She offered me a replacement or a refund, and I chose a replacement, which she set up for me there and then, moving all my photos across. I was in and out in twenty minutes.",
  ],
  [
    "the writer at the garage for new brakes",
    "I went to the garage on Tuesday because my brakes were squealing. The mechanic took me into the workshop, showed me the worn pads and explained what needed doing and what it would cost before he started. He rang me when it was done and went through the bill with me when I collected the car. That's how it should be done.",
  ],
  [
    "a question about the qualification",
    "How many accounts do I need for unit 205 before my assessor can sign it off? My friend on the same course says she needed six but my assessor said it depends. Also can a witness statement count if my manager writes it on the computer rather than by hand?",
  ],
];

const EVIDENCE: Array<[string, string]> = [
  [
    "a typed account of a refund",
    "A customer brought a kettle back to the returns counter that had stopped working after a fortnight. I apologised, checked the receipt and explained that she could have a replacement or her money back. She chose the refund, so I processed it to her card and gave her the receipt.",
  ],
  [
    "a lower-case unpunctuated voice note",
    "um so this morning a man came in and he was a bit confused about his prescription because the tablets looked different so i checked the label with him and explained it's the same medicine just a different make and i asked the pharmacist to have a quick word with him as well and he said thanks that really put his mind at rest",
  ],
  [
    "a voice note from a contact centre",
    "so yeah i had a lady on the phone today and she was in a right state because her bill had gone up and she didn't know why so i went through it with her line by line and found that her discount had run out and i explained that and i offered to put her on a cheaper tariff and she was so relieved she said i'd made her day",
  ],
  [
    "a voice note with a colleague in it",
    "right so it was mad busy at lunch and a family turned up with a little lad who has a nut allergy so i went and asked the chef and he told me which dishes were safe and i went back and explained it to the mum and she ordered and my colleague brought the food out but i checked on them again after and they were really happy",
  ],
  [
    "a witness testimony from a team leader",
    "I observed Chloe on the customer service desk on Tuesday afternoon. A customer returned a faulty lamp and was quite annoyed. Chloe listened without interrupting, apologised for the trouble and explained the options under our returns policy. She arranged an exchange, checked the new lamp worked before he left and thanked him for his patience.",
  ],
  [
    "a witness testimony about a phone call",
    "As Aisha's supervisor I listened in on a call she took from a tenant whose boiler had broken. Aisha took the details, checked the repairs system and booked an emergency engineer for the same evening. She rang the tenant back an hour later to confirm the time and gave her the out-of-hours number in case of problems.",
  ],
  [
    "an account in texting shorthand",
    "cust rang re missing parcel. checked tracking, showed delivered 2 wrong house. apologised, rang the driver & he went back & got it. txtd cust when it was on the way. she said thx u were brill",
  ],
  [
    "a long story with a moan before the service",
    "Honestly I was dreading Saturday because we were two people down and the weather was awful, so everyone wanted to shelter in the shop. About eleven a gentleman walked in looking for a present for his wife's sixtieth and had no idea what she liked. I asked him a few questions about her hobbies, showed him the gardening gift sets and offered to gift-wrap one for him. He went away really pleased and came back later to say she loved it.",
  ],
  [
    "an account where the writer sorts a colleague's mistake",
    "My colleague had booked a guest into the wrong room type, so when the guest arrived she was expecting a double and had been given a twin. I apologised straight away, checked what we had free and moved her to a double with a view at no extra charge. I also rang housekeeping to make sure the room was ready and walked her up myself.",
  ],
  [
    "an account that starts with the writer as a customer elsewhere",
    "My own bank kept me on hold for an hour last month, so I know how that feels. This morning a man rang us because a payment had left his account twice. I apologised, went through his statement with him, found the duplicate and raised a refund while he waited, then said the money would be back within three days and gave him a reference number.",
  ],
  [
    "a short typed account",
    "An elderly man could not work the self-checkout, so I stepped across, helped him scan his shopping and talked him through paying by card.",
  ],
  [
    "a voice note about a booking",
    "so a lady rang up wanting to book a swimming lesson for her daughter and the online system wasn't working so i took her details over the phone and booked it in for her on the desk computer and i emailed her the confirmation straight after",
  ],
  [
    "an account at a council desk",
    "A resident came in because his council tax bill had the wrong name on it after his wife passed away. I said how sorry I was, took him to a quiet desk and updated the account with him. I explained he might be able to get a single person discount and helped him fill in the form there and then.",
  ],
];

describe("the not-evidence gate: texts where the writer served nobody", () => {
  for (const [name, text] of NOT_EVIDENCE)
    it(`refuses ${name}, kindly and with no suggestions`, () => {
      const result = mapEvidence(text, PLAN);
      expect(result.isEvidence).toBe(false);
      expect(shownClaims(result)).toEqual([]);
      expect(result.reason).toMatch(/what you did for the customer/i);
    });
});

describe("the not-evidence gate: real accounts are never refused", () => {
  for (const [name, text] of EVIDENCE)
    it(`keeps ${name}`, () => {
      const result = mapEvidence(text, PLAN);
      expect(result.isEvidence).toBe(true);
      expect(result.units.length).toBeGreaterThan(0);
    });
});

describe("the not-evidence gate: who wrote it", () => {
  // A bystander's account of Amira's service: sent by a candidate it is a colleague's deed; written by the
  // assessor who watched Amira (an observation record), it is Amira's evidence.
  const WATCHED =
    "I was on the shop floor when Amira dealt with a customer whose card was declined. Amira stayed calm, explained the options and helped him pay another way.";

  it("reads the named person's acts as the evidence when the writer is an observer", () => {
    const observed = mapEvidence(WATCHED, { ...PLAN, writer: "observer" });
    expect(observed.isEvidence).toBe(true);
    expect(shownClaims(observed).length).toBeGreaterThan(0);
  });

  it("refuses the same words sent as a candidate's own account: someone else served", () => {
    const sent = mapEvidence(WATCHED, PLAN);
    expect(sent.isEvidence).toBe(false);
  });
});
