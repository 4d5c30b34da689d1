// Big-cluster benchmark (not a test): `?nodes=N` (default 5000) with 50 pods
// applied and the clock playing at 10× on the cluster view, in headless
// Chromium against the release dist/. Prints load time, frame intervals and
// long tasks. Usage: ./x build && node tests/page/bench-nodes.mjs [nodes] [seconds]
import { serveDist, launch, newPage, measureFrames } from "./harness.mjs";

const nodes = Number(process.argv[2] ?? 5000);
const seconds = Number(process.argv[3] ?? 5);
const pods = Array.from({ length: 50 }, (_, i) =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: web-${i}\nspec:\n  containers:\n  - name: web\n    image: nginx:1.27\n    resources: {requests: {cpu: 100m, memory: 64Mi}}\n`,
).join("---\n");

const server = await serveDist();
const browser = await launch();
try {
  const page = await newPage(browser, { viewport: { width: 1280, height: 800 } });
  const t0 = Date.now();
  await page.goto(`${server.url}?lang=en&nodes=${nodes}`);
  await page.waitForSelector("#cluster-summary", { timeout: 120000 });
  const loadMs = Date.now() - t0;
  await page.fill("#yaml", pods);
  await page.selectOption("#speed", "100");
  const t1 = Date.now();
  await page.focus("#yaml");
  await page.keyboard.press("Control+Enter");
  const pressMs = Date.now() - t1;
  const clockAtApply = await page.textContent("#clock-now");
  // Only the busiest nodes are drawn, so wait on the summary, not on a chip.
  // 54: the 50 applied and the control plane's 4 static pods (kube-system).
  await page.waitForFunction(() => / 54 pods · 0 pending/.test(document.querySelector("#cluster-summary").textContent), null, {
    timeout: 120000,
  });
  const applyMs = Date.now() - t1;
  const clockPlaced = await page.textContent("#clock-now");
  const result = await measureFrames(page, seconds * 1000);
  const summary = await page.textContent("#cluster-summary");
  const clockEnd = await page.textContent("#clock-now");
  const f = (n) => n.toFixed(1);
  console.log(`bench-nodes: ${summary}`);
  console.log(`bench-nodes: first render ${loadMs} ms; Ctrl+Enter handled in ${pressMs} ms; all 50 placed after ${applyMs} ms real (virtual clock ${clockAtApply} → ${clockPlaced})`);
  console.log(`bench-nodes: clock at 10×, ${seconds} s (virtual ${clockPlaced} → ${clockEnd}): frames ${result.frames}, interval p50 ${f(result.p50)} ms, p99 ${f(result.p99)} ms, max ${f(result.max)} ms`);
  const lt = result.longTasks;
  console.log(`bench-nodes: long tasks > 50 ms: ${lt.length}${lt.length ? ` (max ${f(Math.max(...lt))} ms)` : ""}`);
  if (page.errors.length) console.log(`bench-nodes: page errors: ${page.errors.join("; ")}`);
} finally {
  await browser.close();
  await server.close();
}
