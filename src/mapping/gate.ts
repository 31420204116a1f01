// The shape checks before scoring: empty, control characters, emoji only, another language; the learned gate decides the rest.

export type GateResult = { ok: true; text: string } | { ok: false; reason: string };

/** The commonest English function words: a text with almost none of them is not English. */
const ENGLISH = new Set(
  "the a an and or but so to of in on at for with from by as is was were be been are am it i me my we our you your he she him her his they them their this that there then what when who which not no if".split(
    " ",
  ),
);

/** Control characters and replacement characters become spaces, keeping every offset. */
export function cleaned(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: binary junk is exactly what is removed here
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFD]/g, " ");
}

/** Whether a text can be scored at all, and the cleaned text (same length, same offsets) when it can. */
export function gateText(raw: string): GateResult {
  const text = cleaned(raw);
  if (!text.trim()) return { ok: false, reason: "The message is empty." };
  const words = text.toLowerCase().match(/\p{L}+(?:['’]\p{L}+)?/gu) ?? [];
  if (!words.length)
    return {
      ok: false,
      reason: "There are no words here to map: say what happened, with whom and what you did.",
    };
  const latin = words.filter((w) => /^[a-z'’]+$/.test(w)).length / words.length;
  const english = words.filter((w) => ENGLISH.has(w)).length / words.length;
  if ((words.length >= 6 && english < 0.08) || latin < 0.5)
    return { ok: false, reason: "This does not look like English, so it cannot be mapped to the standards." };
  return { ok: true, text };
}
