// Reads what a person typed as one intent: a command word, a witness request, or an account to map.

export type Intent =
  | { kind: "help" }
  | { kind: "progress" }
  | { kind: "queue" }
  | { kind: "sample" }
  | { kind: "greeting" }
  | { kind: "thanks" }
  | { kind: "witness_request"; who: string }
  | { kind: "open_evidence"; ref: string }
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
const GREETING = /^(hi|hello|hey|hiya|morning|good (morning|afternoon|evening)|yo)( there)?( shiftnote)?$/;
const THANKS =
  /^(thanks|thank you|ta|cheers|thanks a lot|thank you so much|nice one|great thanks|ok thanks|okay thanks)$/;
/** "ask Sam Jones to witness", "ask sam@example.com to witness this", "@Sam can you witness this?" */
const WITNESS =
  /^(?:please )?(?:ask|get|request) (.+?) (?:to )?(?:witness|be (?:my |a )?witness|give (?:a )?(?:witness )?testimony)(?: (?:on |for |about )?(?:this|that|it|my last (?:one|account|evidence)))?$/;

/** "E2", "open E2", "edit e2", "show me E 2", "evidence 2": one piece of evidence by its number. */
const OPEN_EVIDENCE =
  /^(?:(?:please )?(?:open|edit|show|view|see|change|fix|resubmit)(?: me)? )?(?:(?:my )?evidence )?(?:e ?(\d{1,5})|(?:number |no )?(\d{1,5}))$/;

/** Classifies a message; anything that is not a command is treated as an account for the mapper to judge. */
export function readIntent(text: string): Intent {
  const plain = normalise(text);
  if (HELP.test(plain)) return { kind: "help" };
  if (PROGRESS.test(plain)) return { kind: "progress" };
  if (QUEUE.test(plain)) return { kind: "queue" };
  if (SAMPLE.test(plain)) return { kind: "sample" };
  if (GREETING.test(plain)) return { kind: "greeting" };
  if (THANKS.test(plain)) return { kind: "thanks" };
  const open = OPEN_EVIDENCE.exec(plain);
  if (open && (open[1] || /evidence|^(open|edit|show|view|see|change|fix|resubmit)\b/.test(plain)))
    return { kind: "open_evidence", ref: `E${Number(open[1] ?? open[2])}` };
  const witness = WITNESS.exec(plain);
  if (witness?.[1]) return { kind: "witness_request", who: witness[1].replace(/^@/, "").trim() };
  return { kind: "account", text };
}
