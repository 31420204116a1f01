// A dozen short spoken-style shift accounts, written for the voice fixtures: what a candidate might say into a phone.
// Words only (no digits or symbols), so the source text is exactly what espeak-ng reads out.

export interface SpokenAccount {
  id: string;
  level: number;
  text: string;
}

export const spokenAccounts: readonly SpokenAccount[] = [
  {
    id: "voice-card-machine",
    level: 2,
    text: "Saturday was manic and the card machine kept freezing, so I took the customer's details and rang her back once it was working. She said she was glad I hadn't just sent her away.",
  },
  {
    id: "voice-wrong-size",
    level: 2,
    text: "A man came back with a coat in the wrong size. We had none left in store, so I checked the stock system, found one at our other branch and arranged for it to be sent to his house for free.",
  },
  {
    id: "voice-complaint-manager",
    level: 2,
    text: "A lady was upset because her order had been delayed twice. I listened without interrupting, said sorry, and explained what had gone wrong. Because a refund was above my limit I fetched my supervisor and stayed with her until it was sorted.",
  },
  {
    id: "voice-quiet-morning",
    level: 1,
    text: "It was a quiet morning so I used the time to tidy the leaflets and check the price labels. When a customer asked about opening hours I showed her the new times on our website.",
  },
  {
    id: "voice-hearing-aid",
    level: 2,
    text: "An older gentleman with a hearing aid struggled to follow me at the counter. I moved us somewhere quieter, spoke slowly and faced him, and wrote the main points down so he could take them home.",
  },
  {
    id: "voice-phone-queue",
    level: 2,
    text: "The phones were ringing nonstop after the email went out. I kept each call short, took names and numbers for anything I could not answer, and rang every one of them back before the end of my shift.",
  },
  {
    id: "voice-lost-parcel",
    level: 3,
    text: "A regular customer rang about a parcel that never arrived. I tracked it, saw it had been left with a neighbour, and phoned her back within the hour. Then I suggested we add a delivery note to her account so it would not happen again.",
  },
  {
    id: "voice-new-colleague",
    level: 3,
    text: "A new colleague was nervous about handling returns, so I showed her our returns policy, watched her do the first few, and gave her some tips afterwards. By the afternoon she was doing them on her own.",
  },
  {
    id: "voice-allergy",
    level: 2,
    text: "A mum asked whether a cake contained nuts because her son has an allergy. I did not guess. I checked the ingredients folder with the kitchen manager and told her honestly that it was made in a kitchen that uses nuts.",
  },
  {
    id: "voice-system-down",
    level: 2,
    text: "Our booking system went down just before lunch. I apologised to the people waiting, wrote their bookings on paper, and entered them all once the system came back so nobody lost their table.",
  },
  {
    id: "voice-feedback",
    level: 3,
    text: "I noticed several customers were asking the same question about parking, so I collected their comments for a week and suggested to my manager that we put a clear sign by the entrance. She agreed and it went up on Monday.",
  },
  {
    id: "voice-angry-caller",
    level: 2,
    text: "A caller was shouting because his bill was wrong. I stayed calm, let him finish, and went through the bill with him line by line. I found the mistake, corrected it while he waited, and confirmed it by email.",
  },
];
