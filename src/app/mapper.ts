// Chooses the mapper the portfolio is given: the LLM re-ranker when an OpenAI key is set, else the offline mapper.
import { mapEvidenceWithLlm } from "../mapping/llm.ts";
import { mapEvidence } from "../mapping/offline.ts";
import type { MapOptions, MappingResult } from "../mapping/types.ts";
import type { Config } from "./config.ts";

export type ChosenMapper = (text: string, options: MapOptions) => Promise<MappingResult>;

/**
 * With `OPENAI_API_KEY` set, every account goes to the LLM re-ranker, whose offline result stands on any failure
 * (it never throws for a model error, and says why in `fallbackReason`); without it, the offline mapper answers.
 */
export function chooseMapper(
  config: Config,
  log: (line: string) => void = () => {},
): { name: "llm" | "offline"; map: ChosenMapper } {
  if (!config.OPENAI_API_KEY)
    return { name: "offline", map: async (text, options) => mapEvidence(text, options) };
  return {
    name: "llm",
    async map(text, options) {
      try {
        const result = await mapEvidenceWithLlm(text, options, config);
        if (result.fallbackReason)
          log(`The LLM mapper fell back to the offline one: ${result.fallbackReason}.`);
        return result;
      } catch (error) {
        // Belt and braces: whatever goes wrong, the offline result stands.
        log(
          `The LLM mapper failed (${(error as Error)?.message ?? String(error)}); the offline result stands.`,
        );
        return {
          ...mapEvidence(text, options),
          fallbackReason: "the language model call failed",
        };
      }
    },
  };
}
