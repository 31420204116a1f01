// A toy whisper.cpp model: the real ggml file layout (hyperparameters, mel filters, vocabulary, every tensor whisper.cpp
// expects) with tiny random weights. It transcribes nonsense, which is the point: it drives the real binding, worker
// and parsing end to end on a machine where no real Whisper weights can be had.
import { open } from "node:fs/promises";

const N_VOCAB = 51864; // English-only vocabulary size: whisper.cpp derives its special token ids from it
const AUDIO_CTX = 1500; // 30 s of 10 ms mel frames, halved by the second convolution
const TEXT_CTX = 448;
const STATE = 32;
const MELS = 80;
const N_FFT = 201;
const TEXT_TOKENS = 50256; // ordinary tokens before the special ones

/** Deterministic pseudo-random numbers in [-scale, scale): the same file every run. */
function random(seed: number) {
  let x = seed >>> 0 || 1;
  return (scale: number) => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return ((x / 2 ** 32) * 2 - 1) * scale;
  };
}

interface Tensor {
  name: string;
  /** ggml order: ne[0] is the fastest-varying dimension. */
  shape: number[];
  fill: "ones" | "zeros" | "random";
}

/** Matrices (and convolution kernels) are 16-bit in a model of ftype 1, as in the published models; the rest 32-bit. */
const isHalf = (t: Tensor) =>
  t.shape.length > 1 && !t.name.endsWith("positional_embedding") && !t.name.endsWith(".bias");

function tensors(): Tensor[] {
  const list: Tensor[] = [];
  const add = (name: string, shape: number[], fill: Tensor["fill"] = "random") =>
    list.push({ name, shape, fill });
  const block = (prefix: string, cross: boolean) => {
    for (const part of cross ? ["attn", "cross_attn"] : ["attn"]) {
      add(`${prefix}.${part}_ln.weight`, [STATE], "ones");
      add(`${prefix}.${part}_ln.bias`, [STATE], "zeros");
      add(`${prefix}.${part}.query.weight`, [STATE, STATE]);
      add(`${prefix}.${part}.query.bias`, [STATE], "zeros");
      add(`${prefix}.${part}.key.weight`, [STATE, STATE]);
      add(`${prefix}.${part}.value.weight`, [STATE, STATE]);
      add(`${prefix}.${part}.value.bias`, [STATE], "zeros");
      add(`${prefix}.${part}.out.weight`, [STATE, STATE]);
      add(`${prefix}.${part}.out.bias`, [STATE], "zeros");
    }
    add(`${prefix}.mlp_ln.weight`, [STATE], "ones");
    add(`${prefix}.mlp_ln.bias`, [STATE], "zeros");
    add(`${prefix}.mlp.0.weight`, [STATE, 4 * STATE]);
    add(`${prefix}.mlp.0.bias`, [4 * STATE], "zeros");
    add(`${prefix}.mlp.2.weight`, [4 * STATE, STATE]);
    add(`${prefix}.mlp.2.bias`, [STATE], "zeros");
  };
  add("encoder.positional_embedding", [STATE, AUDIO_CTX]);
  add("encoder.conv1.weight", [3, MELS, STATE]);
  add("encoder.conv1.bias", [1, STATE], "zeros");
  add("encoder.conv2.weight", [3, STATE, STATE]);
  add("encoder.conv2.bias", [1, STATE], "zeros");
  add("encoder.ln_post.weight", [STATE], "ones");
  add("encoder.ln_post.bias", [STATE], "zeros");
  block("encoder.blocks.0", false);
  add("decoder.positional_embedding", [STATE, TEXT_CTX]);
  add("decoder.token_embedding.weight", [STATE, N_VOCAB]);
  add("decoder.ln.weight", [STATE], "ones");
  add("decoder.ln.bias", [STATE], "zeros");
  block("decoder.blocks.0", true);
  return list;
}

const int32s = (...values: number[]) => {
  const b = Buffer.alloc(4 * values.length);
  values.forEach((v, i) => {
    b.writeInt32LE(v, 4 * i);
  });
  return b;
};

/** IEEE 754 half precision, rounding toward zero: plenty for random weights. */
function half(value: number): number {
  const f = new Float32Array([value]);
  const bits = new Uint32Array(f.buffer)[0] as number;
  const sign = (bits >>> 16) & 0x8000;
  const exponent = ((bits >>> 23) & 0xff) - 127 + 15;
  if (exponent <= 0) return sign;
  if (exponent >= 31) return sign | 0x7c00;
  return sign | (exponent << 10) | ((bits >>> 13) & 0x3ff);
}

function halves(count: number, make: (i: number) => number): Buffer {
  const b = Buffer.alloc(2 * count);
  for (let i = 0; i < count; i++) b.writeUInt16LE(half(make(i)), 2 * i);
  return b;
}

function floats(count: number, make: (i: number) => number): Buffer {
  const b = Buffer.alloc(4 * count);
  for (let i = 0; i < count; i++) b.writeFloatLE(make(i), 4 * i);
  return b;
}

/** Writes the toy model (about 4 MB) to `path`. */
export async function writeToyWhisperModel(path: string): Promise<void> {
  const rand = random(20_240_601);
  const file = await open(path, "w");
  try {
    const write = (b: Buffer) => file.write(b);
    // magic "ggml", then n_vocab, n_audio_ctx, n_audio_state, n_audio_head, n_audio_layer,
    // n_text_ctx, n_text_state, n_text_head, n_text_layer, n_mels, ftype (1 = 16-bit matrices)
    await write(int32s(0x67676d6c, N_VOCAB, AUDIO_CTX, STATE, 1, 1, TEXT_CTX, STATE, 1, 1, MELS, 1));
    await write(int32s(MELS, N_FFT));
    await write(floats(MELS * N_FFT, () => Math.abs(rand(0.01))));
    const words: Buffer[] = [int32s(TEXT_TOKENS)];
    for (let i = 0; i < TEXT_TOKENS; i++) {
      const word = Buffer.from(` w${i}`);
      words.push(int32s(word.length), word);
    }
    await write(Buffer.concat(words));
    for (const t of tensors()) {
      const name = Buffer.from(t.name);
      const count = t.shape.reduce((a, b) => a * b, 1);
      const value = () => (t.fill === "ones" ? 1 : t.fill === "zeros" ? 0 : rand(0.5));
      await write(int32s(t.shape.length, name.length, isHalf(t) ? 1 : 0, ...t.shape));
      await write(name);
      await write(isHalf(t) ? halves(count, value) : floats(count, value));
    }
  } finally {
    await file.close();
  }
}
