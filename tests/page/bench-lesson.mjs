// Start-up benchmark (not a test): time from navigation to the first
// interactive lesson in headless Chromium against the release dist/, and the
// long tasks (> 50 ms) seen on the way. "Interactive" means the first
// lesson's story and goals are on screen and a click on its "solution"
// button has put YAML into the editor (wasm loaded, Yew mounted, the lesson
// pack parsed). Cold runs (new context, empty cache) and median of N.
// Usage: ./x build && node tests/page/bench-lesson.mjs [runs]
import { serveDist, launch, newPage } from "./harness.mjs";

const runs = Number(process.argv[2] ?? 5);
const server = await serveDist();
const browser = await launch();
try {
  const results = [];
  for (let i = 0; i < runs; i++) {
    const page = await newPage(browser, { viewport: { width: 1280, height: 800 } });
    // Long tasks from the very start of the document (buffered), kept on window.
    await page.addInitScript(() => {
      window.__longTasks = [];
      new PerformanceObserver((list) => list.getEntries().forEach((e) => window.__longTasks.push(e.duration))).observe({
        type: "longtask",
        buffered: true,
      });
    });
    await page.goto(`${server.url}?lang=en`);
    await page.waitForSelector("#yaml");
    const shell = await page.evaluate(() => performance.now());
    await page.click("#tab-lessons");
    await page.click('[data-lesson="01-what-is-a-pod"]');
    await page.waitForSelector("#lesson-goals li");
    await page.click("#lesson-solution");
    await page.waitForFunction(() => /kind:\s*Pod/.test(document.querySelector("#yaml").value));
    const lesson = await page.evaluate(() => performance.now());
    const nav = await page.evaluate(() => {
      const n = performance.getEntriesByType("navigation")[0];
      return { dcl: n.domContentLoadedEventEnd, load: n.loadEventEnd };
    });
    const longTasks = await page.evaluate(() => window.__longTasks.slice());
    results.push({ shell, lesson, ...nav, longTasks });
    await page.context().close();
  }
  const median = (k) => {
    const v = results.map((r) => r[k]).sort((a, b) => a - b);
    return v[Math.floor(v.length / 2)];
  };
  const lt = results.flatMap((r) => r.longTasks);
  const f = (n) => n.toFixed(0);
  console.log(
    `bench-lesson: navigation → app shell (editor) ${f(median("shell"))} ms, → first interactive lesson ${f(median("lesson"))} ms ` +
      `(median of ${runs} cold loads; DOMContentLoaded ${f(median("dcl"))} ms, load ${f(median("load"))} ms; the lesson time includes the test's clicks)`,
  );
  console.log(
    `bench-lesson: long tasks > 50 ms: ${lt.length} in ${runs} loads${lt.length ? ` (max ${f(Math.max(...lt))} ms, per load ${results.map((r) => r.longTasks.length).join("/")})` : ""}`,
  );
} finally {
  await browser.close();
  await server.close();
}
