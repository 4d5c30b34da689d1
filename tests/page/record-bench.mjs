// Writes the output of `./x bench` into BENCHMARKS.md, between markers,
// so the file always holds the latest full run beside the curated tables.
// Usage: node tests/page/record-bench.mjs target/bench/latest.txt BENCHMARKS.md
import { readFileSync, writeFileSync } from "node:fs";

const [input, target] = process.argv.slice(2);
const BEGIN = "<!-- bench:begin (written by ./x bench; do not edit by hand) -->";
const END = "<!-- bench:end -->";
const run = readFileSync(input, "utf8").trim();
const block = `${BEGIN}\n\`\`\`text\n${run}\n\`\`\`\n${END}`;
let doc = readFileSync(target, "utf8");
const start = doc.indexOf(BEGIN);
const end = doc.indexOf(END);
if (start >= 0 && end > start) {
  doc = doc.slice(0, start) + block + doc.slice(end + END.length);
} else {
  doc = `${doc.trimEnd()}\n\n## Latest ./x bench run\n\n${block}\n`;
}
writeFileSync(target, doc);
