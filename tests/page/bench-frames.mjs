// Frame benchmark (not a test): the traffic view animating 50 pods and 500
// packets in flight, in headless Chromium, against the release dist/.
// Prints requestAnimationFrame interval p50/p99/max, the share of frames over
// 16.7 ms, and long tasks over 50 ms. Usage: ./x build && node tests/page/bench-frames.mjs [seconds]
import { serveDist, launch, newPage, measureFrames } from "./harness.mjs";

const seconds = Number(process.argv[2] ?? 5);
const server = await serveDist();
const browser = await launch();
try {
  const page = await newPage(browser, { viewport: { width: 1280, height: 800 } });
  // Times every requestAnimationFrame callback (the app's per-frame script
  // work: wasm computing 500 positions and writing the SVG paths).
  await page.addInitScript(() => {
    const raf = window.requestAnimationFrame.bind(window);
    window.__cb = [];
    window.requestAnimationFrame = (cb) =>
      raf((ts) => {
        const t = performance.now();
        cb(ts);
        window.__cb.push(performance.now() - t);
      });
  });
  await page.goto(`${server.url}?lang=en&bench=${process.env.BENCH ?? "50x500"}`);
  await page.waitForSelector("#yaml");
  await page.click("#tab-traffic");
  await page.waitForSelector("svg.traffic path.pk", { state: "attached" });
  const packets = await page.textContent("#packet-count");
  const pods = await page.locator("svg.traffic .endpoint").count();
  const result = await measureFrames(page, seconds * 1000);
  // The app's own work per requestAnimationFrame callback, recorded by the wrapper above.
  Object.assign(
    result,
    await page.evaluate((n) => {
      const cb = window.__cb.slice(-n * 2).sort((a, b) => a - b);
      const qc = (p) => cb[Math.min(cb.length - 1, Math.floor(p * cb.length))] ?? 0;
      return { cbP50: qc(0.5), cbP99: qc(0.99) };
    }, result.frames + 1),
  );
  const f = (n) => n.toFixed(2);
  console.log(`bench-frames: ${pods} pods, ${packets} packets in flight, ${seconds} s`);
  console.log(`bench-frames: frames ${result.frames}, interval p50 ${f(result.p50)} ms, p99 ${f(result.p99)} ms, max ${f(result.max)} ms`);
  console.log(`bench-frames: script per animation callback p50 ${f(result.cbP50)} ms, p99 ${f(result.cbP99)} ms`);
  console.log(`bench-frames: frames over 16.7 ms: ${result.over} (${f((100 * result.over) / Math.max(1, result.frames))} %)`);
  console.log(`bench-frames: long tasks > 50 ms: ${result.longTasks.length}${result.longTasks.length ? ` (max ${f(Math.max(...result.longTasks))} ms)` : ""}`);
  if (page.errors.length) console.log(`bench-frames: page errors: ${page.errors.join("; ")}`);
} finally {
  await browser.close();
  await server.close();
}
