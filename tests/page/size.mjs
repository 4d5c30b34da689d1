// Prints the size of the release bundle (wasm + JS): raw, gzip and brotli.
// Usage: node tests/page/size.mjs dist [--json]
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync, brotliCompressSync, constants } from "node:zlib";

export function bundleSize(dir) {
  const files = readdirSync(dir).filter((f) => f.endsWith(".wasm") || f.endsWith(".js"));
  const total = { raw: 0, gzip: 0, brotli: 0, files: {} };
  for (const f of files) {
    const bytes = readFileSync(join(dir, f));
    const one = {
      raw: bytes.length,
      gzip: gzipSync(bytes, { level: 9 }).length,
      brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    };
    total.files[f] = one;
    total.raw += one.raw;
    total.gzip += one.gzip;
    total.brotli += one.brotli;
  }
  return total;
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = process.argv[2] ?? "dist";
  const size = bundleSize(dir);
  if (process.argv.includes("--json")) {
    console.log(JSON.stringify(size));
  } else {
    for (const [f, s] of Object.entries(size.files)) {
      console.log(`bundle: ${f.padEnd(40)} raw ${kb(s.raw).padStart(10)}  gzip ${kb(s.gzip).padStart(9)}  brotli ${kb(s.brotli).padStart(9)}`);
    }
    console.log(`bundle: ${"total (wasm + js)".padEnd(40)} raw ${kb(size.raw).padStart(10)}  gzip ${kb(size.gzip).padStart(9)}  brotli ${kb(size.brotli).padStart(9)}`);
  }
}
