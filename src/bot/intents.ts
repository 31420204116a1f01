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
  | {
      kind: "assessor_record";
      method: "observation" | "professional_discussion" | "oral_questioning";
      rest: string;
    }
  /** An assessor's action plan, feedback or expert statement for a candidate: "plan for Amira …" (name matched later). */
  | { kind: "action_plan"; rest: string }
  | { kind: "feedback"; rest: string }
  | { kind: "expert_statement"; rest: string }
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
const DISCUSSED = /^\s*(?:i\s+)?(?:discussed\s+with|(?:professional\s+)?discussion\s+with)\s+(\S[\s\S]*)$/i;
/** "oral questions with Amira: …", "oral questioning of Amira: …", "questioned Amira: …" */
const QUESTIONED = /^\s*(?:i\s+)?(?:oral\s+question(?:s|ing)\s+(?:with|of)|questioned)\s+(\S[\s\S]*)$/i;

/** "plan for Amira", "plan Amira 201 Friday 10:00 at the Leeds store", "action plan for Amira …" */
const PLAN = /^\s*(?:an?\s+)?(?:(?:assessment\s+)?action\s+)?plan(?:\s+(?:for|with))?\s+(\S[\s\S]*)$/i;
/** "feedback for Amira on E6: …", "feedback to Amira on unit 201: …" */
const FEEDBACK = /^\s*(?:give\s+)?feedback\s+(?:for|to)\s+(\S[\s\S]*)$/i;

/** "expert statement for Amira on E6 from Tom Reid: …", "expert witness statement for Amira on E6: …" */
const STATEMENT =
  /^\s*(?:attach\s+)?(?:an?\s+)?expert(?:\s+witness)?\s+statement\s+(?:for|on|about)\s+(\S[\s\S]*)$/i;

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
  const questioned = QUESTIONED.exec(text);
  if (questioned?.[1])
    return { kind: "assessor_record", method: "oral_questioning", rest: questioned[1].trim() };
  const plan = PLAN.exec(text);
  if (plan?.[1]) return { kind: "action_plan", rest: plan[1].trim() };
  const feedback = FEEDBACK.exec(text);
  if (feedback?.[1]) return { kind: "feedback", rest: feedback[1].trim() };
  const statement = STATEMENT.exec(text);
  if (statement?.[1]) return { kind: "expert_statement", rest: statement[1].trim() };
  return { kind: "account", text };
}
