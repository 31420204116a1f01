// What the load benches share: candidates' accounts, and Level 2 candidates added to the demo centre like Amira.

import { addPerson } from "../../src/portfolio/add-person.ts";
import { portfolioContext } from "../../src/portfolio/context.ts";
import { DEMO_CENTRE } from "../../src/portfolio/demo-centre.ts";
import { enrolCandidate } from "../../src/portfolio/enrol-candidate.ts";
import type { Catalogue } from "../../src/standards/catalogue.ts";
import type { Store } from "../../src/store/store.ts";

const UNITS = ["201", "202", "205", "206", "207", "213", "216"];

/** Accounts in candidates' words; each request adds who and when, so no two texts are the same. */
export const ACCOUNTS = [
  "Saturday was manic and right in the middle of the lunchtime rush our card machine went down. A woman with a full trolley was getting frustrated. I said sorry, explained the system had let us down, checked with my supervisor and took her to the service desk till, which was still working. She thanked me for keeping calm.",
  "A customer rang because her delivery had not arrived. I checked the tracking, apologised, explained the van had broken down and booked it on the first van the next morning. I rang her the next day to check it had come and she thanked me.",
  "It was a quiet Tuesday so I had time to help an older gentleman who could not find the gluten free bread. I walked him to the aisle, showed him our free-from range and told him about the loyalty app so he could see offers. He said he would come back next week.",
  "A man came to the desk angry that his refund had not gone through. I let him explain without interrupting, said I understood, checked the system and found it had failed. I asked my manager for authority to refund him in cash there and then, and he left happy.",
  "A regular asked whether we could order in a size that was out of stock. I checked the stock system, found it at another branch, arranged for it to be sent to our store and took her phone number so I could ring her when it arrived. She was really pleased.",
  "During the Christmas rush a mum lost her little boy near the tills. I stayed calm, asked her what he was wearing, told my team leader so we could follow our lost child procedure and we found him by the toys within minutes. She hugged me and thanked the whole team.",
  "A customer emailed to complain that the jacket she bought had a broken zip. I replied the same day, apologised, explained her options under our returns policy and offered a replacement by post. She chose the replacement and wrote back to say thank you for the quick answer.",
  "Our booking system crashed on a busy Friday night. I wrote the reservations on paper, kept the waiting guests informed every few minutes and offered them a free drink while they waited. When the system came back I entered everything and no booking was lost.",
];
const DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

/** Account `n` of candidate `candidate`, with who and when added so that no two texts are the same. */
export const accountFor = (candidate: number, n: number, perCandidate: number) =>
  `${ACCOUNTS[(candidate + n) % ACCOUNTS.length]} This was on ${DAYS[(candidate * perCandidate + n) % DAYS.length]}, shift ${candidate}-${n}.`;

/** Adds `count` Level 2 candidates to the demo centre, enrolled with its assessor and verifier; their emails. */
export async function addBenchCandidates(
  store: Store,
  catalogue: Catalogue,
  count: number,
): Promise<string[]> {
  const ctx = portfolioContext(store, catalogue);
  const actor = { system: "cli" } as const;
  const centre = await store.people.centreByName(DEMO_CENTRE);
  const priya = await store.people.byEmail("priya.shah@demo.shiftnote.test");
  const grace = await store.people.byEmail("grace.mensah@demo.shiftnote.test");
  if (!centre || !priya || !grace) throw new Error("The demo centre did not load.");
  const emails: string[] = [];
  for (let i = 0; i < count; i++) {
    const person = await addPerson(ctx, {
      actor,
      centreId: centre.id,
      email: `bench.candidate.${i}@demo.shiftnote.test`,
      name: `Bench Candidate ${i}`,
      roles: ["candidate"],
    });
    await enrolCandidate(ctx, {
      actor,
      candidateId: person.id,
      level: 2,
      unitIds: UNITS,
      assessorId: priya.id,
      internalVerifierId: grace.id,
    });
    emails.push(person.email);
  }
  return emails;
}
