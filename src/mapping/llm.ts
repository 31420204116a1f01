// The optional LLM mapper: asks an OpenAI-compatible model to re-rank the offline candidates, and falls back to them.
import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from "openai";
import { zodResponseFormat } from "openai/helpers/zod";
import type { Config } from "../core/config.ts";
import { type Catalogue, loadCatalogue } from "../standards/catalogue.ts";
import { applyAnswer, type Dropped, llmAnswerSchema } from "./llm-answer.ts";
import { buildCandidates, buildMessages } from "./llm-candidates.ts";
import { mapEvidence } from "./offline.ts";
import type { MapOptions, MappingResult } from "./types.ts";

export type LlmConfig = Pick<
  Config,
  "OPENAI_API_KEY" | "OPENAI_BASE_URL" | "SHIFTNOTE_LLM_MODEL" | "SHIFTNOTE_LLM_TIMEOUT_MS"
>;

export interface LlmDeps {
  /** The offline mapper whose result is re-ranked and which stands when the model fails. */
  offline?: (text: string, options: MapOptions) => MappingResult | Promise<MappingResult>;
  catalogue?: Catalogue;
  /** Told what was dropped from a usable answer (unknown ids, quotes not in the text). */
  onDropped?: (dropped: Dropped) => void;
}

/** The model's answer could not be used; `message` says why in plain words. */
class UnusableAnswer extends Error {}

const seconds = (ms: number) => (ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`);

/** Why a call failed, in words for the person reading the result. */
function reasonFor(error: unknown, config: LlmConfig): string {
  if (error instanceof UnusableAnswer) return error.message;
  if (error instanceof APIConnectionTimeoutError || error instanceof APIUserAbortError)
    return `the language model did not answer within ${seconds(config.SHIFTNOTE_LLM_TIMEOUT_MS)}`;
  if (error instanceof APIError && typeof error.status === "number") {
    const status = error.status;
    if (status === 429) return "the language model service is busy or over its quota (HTTP 429)";
    if (status >= 500) return `the language model service had an error (HTTP ${status})`;
    if (status === 401 || status === 403)
      return `the language model service refused the OpenAI key (HTTP ${status})`;
    if (status === 404)
      return `the language model service does not know the model "${config.SHIFTNOTE_LLM_MODEL}" (HTTP 404)`;
    return `the language model service rejected the request (HTTP ${status})`;
  }
  if (error instanceof APIConnectionError) return "the language model service could not be reached";
  if (error instanceof SyntaxError) return "the language model service sent a reply that is not JSON";
  return `the language model call failed (${(error as Error)?.message ?? String(error)})`;
}

async function ask(
  config: LlmConfig & { OPENAI_API_KEY: string },
  messages: ReturnType<typeof buildMessages>,
): Promise<unknown> {
  const timeout = config.SHIFTNOTE_LLM_TIMEOUT_MS;
  const client = new OpenAI({
    apiKey: config.OPENAI_API_KEY,
    baseURL: config.OPENAI_BASE_URL,
    timeout,
    // No retries: the timeout is the whole budget, and the offline result is always there.
    maxRetries: 0,
  });
  // The client's timeout covers the wait for headers; this one also bounds reading the body.
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeout);
  try {
    const completion = await client.chat.completions.create(
      {
        model: config.SHIFTNOTE_LLM_MODEL,
        messages,
        // No temperature: reasoning models refuse one, and the schema already constrains the answer.
        response_format: zodResponseFormat(llmAnswerSchema, "evidence_mapping"),
      },
      { signal: controller.signal, timeout },
    );
    const choice = completion?.choices?.[0];
    if (!choice) throw new UnusableAnswer("the language model sent no answer");
    if (choice.message?.refusal) throw new UnusableAnswer("the language model declined to answer");
    if (choice.finish_reason === "length")
      throw new UnusableAnswer("the language model's answer was cut off");
    const content = choice.message?.content;
    if (!content) throw new UnusableAnswer("the language model sent an empty answer");
    try {
      return JSON.parse(content);
    } catch {
      throw new UnusableAnswer("the language model's answer was not valid JSON");
    }
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Maps a text with the offline mapper, then, when an OpenAI key is configured, lets the model re-rank and
 * complete the offline candidates. Never throws for a model failure: the offline result stands, with
 * `mapper: "offline"` and `fallbackReason` saying why.
 */
export async function mapEvidenceWithLlm(
  text: string,
  options: MapOptions,
  config: LlmConfig,
  deps: LlmDeps = {},
): Promise<MappingResult> {
  const started = performance.now();
  const offline = deps.offline
    ? await deps.offline(text, options)
    : mapEvidence(text, options, deps.catalogue);
  const fallback = (fallbackReason: string): MappingResult => ({
    ...offline,
    mapper: "offline",
    fallbackReason,
    elapsedMs: performance.now() - started,
  });

  const apiKey = config.OPENAI_API_KEY;
  if (!apiKey) return fallback("no OpenAI key is configured (set OPENAI_API_KEY to use the LLM mapper)");
  if (!offline.isEvidence) return fallback("the offline mapper found no evidence for the model to check");

  try {
    const catalogue = deps.catalogue ?? loadCatalogue();
    const candidates = buildCandidates(offline, options, catalogue);
    if (candidates.criteria.size === 0 && candidates.knowledge.size === 0)
      return fallback("there were no criteria of your units for the model to check");
    const json = await ask(
      { ...config, OPENAI_API_KEY: apiKey },
      buildMessages(offline.privacy.redacted, options, candidates, offline),
    );
    const parsed = llmAnswerSchema.safeParse(json);
    if (!parsed.success)
      throw new UnusableAnswer("the language model's answer did not have the expected shape");
    const { result, dropped } = applyAnswer(
      parsed.data,
      text,
      candidates,
      offline,
      (unitId) => catalogue.unit(unitId)?.title ?? unitId,
    );
    if (parsed.data.isEvidence && !result.isEvidence)
      throw new UnusableAnswer(
        "none of the language model's suggestions could be checked against your units and your text",
      );
    deps.onDropped?.(dropped);
    return { ...result, elapsedMs: performance.now() - started };
  } catch (error) {
    return fallback(reasonFor(error, config));
  }
}
