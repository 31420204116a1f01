// Words for the people in a service story: a member of the public (the customer) and the staff who serve; one list each, for the gate, the who-served reader and the privacy check.

/**
 * Words for a customer or another member of the public, singular and lower case (they match a lemma or a
 * lower-cased word). Used by:
 * - src/mapping/scorer.ts, the not-evidence gate: the share of people words in a text, and "I showed the
 *   customer", the writer acting on someone;
 * - src/mapping/served.ts, who did the service acts: such a word as a subject is the customer ("the lady
 *   asked"), as an object it is someone the writer served ("I helped the man");
 * - src/mapping/privacy.ts, the third-party names: a capitalised name after one of these words is that
 *   person's ("the customer, Jenny Hughes"), and so is a name after "<word> called" ("a man called Dave").
 */
export const PUBLIC_PEOPLE: ReadonlySet<string> = new Set(
  "customer client caller guest patient tenant resident passenger visitor shopper diner member buyer user cust gentleman gent lady man woman guy bloke chap fella lad girl boy couple family mum dad mother father husband wife son daughter parent pensioner student child kid person people someone somebody".split(
    " ",
  ),
);

/**
 * Words for people who serve (src/mapping/served.ts): when one of them acts, the act is not the writer's;
 * when one of them serves "me", the writer was the customer ("the receptionist booked me in").
 */
export const STAFF: ReadonlySet<string> = new Set(
  "colleague manager boss supervisor leader staff waiter waitress cashier receptionist assistant server barista bartender adviser advisor agent operator driver engineer pharmacist technician clerk attendant porter chef cleaner teammate coworker co-worker employee rep representative worker mechanic doctor gp nurse dentist optician hairdresser barber teller owner officer trainer mentor coach deputy".split(
    " ",
  ),
);
