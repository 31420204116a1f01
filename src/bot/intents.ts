// Reads what a person typed as one intent: a command word, a witness request, or an account to map.

export type Intent =
  | { kind: "help" }
  | { kind: "progress" }
  | { kind: "queue" }
  | { kind: "sample" }
  /** "link", "sign in", "open portfolio": sign-in links to the person's pages (and the Teams tab). */
  | { kind: "sign_in" }
  /** "recent", "my evidence": the candidate's last five pieces of evidence. */
  | { kind: "recent" }
  | { kind: "greeting" }
  | { kind: "thanks" }
  | { kind: "witness_request"; who: string }
  | { kind: "open_evidence"; ref: string }
  /** An assessor's record of a candidate: "observed Amira …", "discussed with Amira …" (the name is matched later). */
  | { kind: "assessor_record"; method: "observation" | "professional_discussion"; rest: string }
  | { kind: "account"; text: string };

const normalise = (text: string) =>
  text
    .toLowerCase()
    .replace(/[’']/g, "'")
    .replace(/[^\p{L}\p{N}@.'\s-]/gu, " ")
    .replace(/\s+/g, " ")
    .trim();

const HELP = /^(help|help me|\?|what can you do|how does this work|commands|menu)$/;
const PROGRESS =
  /^(progress|my progress|show (me )?my progress|coverage|my coverage|gaps|my gaps|what('s| is) missing|what do i (still )?need|how am i doing)$/;
const QUEUE = /^(queue|my queue|show (me )?(my |the )?queue|what('s| is) waiting|waiting)$/;
const SAMPLE = /^(sample|sampling|samples|what (can|should) i sample)$/;
const SIGN_IN =
  /^(link|links|sign in|sign me in|log in|login|sign in link|open (my )?portfolio|my portfolio|open (my )?pages|open (the )?tab)$/;
const RECENT =
  /^(recent|recent evidence|my evidence|my recent evidence|latest evidence|list (my )?evidence)$/;
const GREETING = /^(hi|hello|hey|hiya|morning|good (morning|afternoon|evening)|yo)( there)?( shiftnote)?$/;
const THANKS =
  /^(thanks|thank you|ta|cheers|thanks a lot|thank you so much|nice one|great thanks|ok thanks|okay thanks)$/;
/** "ask Sam Jones to witness", "ask sam@example.com to witness this", "@Sam can you witness this?" */
const WITNESS =
  /^(?:please )?(?:ask|get|request) (.+?) (?:to )?(?:witness|be (?:my |a )?witness|give (?:a )?(?:witness )?testimony)(?: (?:on |for |about )?(?:this|that|it|my last (?:one|account|evidence)))?$/;

/** "E2", "open E2", "edit e2", "show me E 2", "evidence 2": one piece of evidence by its number. */
const OPEN_EVIDENCE =
  /^(?:(?:please )?(?:open|edit|show|view|see|change|fix|resubmit)(?: me)? )?(?:(?:my )?evidence )?(?:e ?(\d{1,5})|(?:number |no )?(\d{1,5}))$/;
/** "observed Amira greet…", "I observed Amira: …", "observation of Amira: …" */
const OBSERVED = /^\s*(?:i\s+)?(?:observed|observation\s+of)\s+(\S[\s\S]*)$/i;
/** "discussed with Amira: …", "professional discussion with Amira …", "oral questions with Amira …" */
const DISCUSSED =
  /^\s*(?:i\s+)?(?:discussed\s+with|(?:professional\s+)?discussion\s+with|oral\s+questions\s+with)\s+(\S[\s\S]*)$/i;

/** Classifies a message; anything that is not a command is treated as an account for the mapper to judge. */
export function readIntent(text: string): Intent {
  const plain = normalise(text);
  if (HELP.test(plain)) return { kind: "help" };
  if (PROGRESS.test(plain)) return { kind: "progress" };
  if (QUEUE.test(plain)) return { kind: "queue" };
  if (SAMPLE.test(plain)) return { kind: "sample" };
  if (SIGN_IN.test(plain)) return { kind: "sign_in" };
  if (RECENT.test(plain)) return { kind: "recent" };
  if (GREETING.test(plain)) return { kind: "greeting" };
  if (THANKS.test(plain)) return { kind: "thanks" };
  const open = OPEN_EVIDENCE.exec(plain);
  if (open && (open[1] || /evidence|^(open|edit|show|view|see|change|fix|resubmit)\b/.test(plain)))
    return { kind: "open_evidence", ref: `E${Number(open[1] ?? open[2])}` };
  const witness = WITNESS.exec(plain);
  if (witness?.[1]) return { kind: "witness_request", who: witness[1].replace(/^@/, "").trim() };
  const observed = OBSERVED.exec(text);
  if (observed?.[1]) return { kind: "assessor_record", method: "observation", rest: observed[1].trim() };
  const discussed = DISCUSSED.exec(text);
  if (discussed?.[1])
    return { kind: "assessor_record", method: "professional_discussion", rest: discussed[1].trim() };
  return { kind: "account", text };
}
