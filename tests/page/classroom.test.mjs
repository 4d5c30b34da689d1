// Page-level tests of the classroom features of the lesson panel: deep links,
// hints one at a time before the solution, previous/next, the lesson map's
// done marks, the completion summary, progress export and import, the
// sandbox, and a teacher's lesson pack fetched at run time (valid, malformed,
// and with HTML in its text that must stay text).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { serveDist, launch, newPage, screenshot, ROOT } from "./harness.mjs";

const lesson01 = (file) => readFileSync(join(ROOT, "lessons", "01-what-is-a-pod", file), "utf8");

// A teacher's pack in the lessons' own format, served beside dist/.
const PACK = {
  "packs/demo/index.yaml": "sections:\n  - id: demo\n    title: {ko: 데모, en: Demo}\n    lessons: [01-hello]\n",
  "packs/demo/01-hello/lesson.yaml": lesson01("lesson.yaml")
    .replace("id: 01-what-is-a-pod", "id: 01-hello")
    .replace("en: What a Pod is", 'en: "Hello pack <img src=x onerror=window.__xss=1>"'),
  // The lesson's own story (its predicts and hooks name its steps), with markup in the first step.
  "packs/demo/01-hello/en.md": lesson01("en.md").replace(
    /^(## .*)$/m,
    "$1\n\nPlain text <script>window.__xss=2</script> and <img src=x onerror=window.__xss=3>.\n",
  ),
  "packs/demo/01-hello/starter.yaml": lesson01("starter.yaml"),
  "packs/demo/01-hello/solution.yaml": lesson01("solution.yaml"),
  // The same pack with a check kind the engine does not know.
  "packs/bad/index.yaml": "sections:\n  - id: demo\n    title: {ko: 데모, en: Demo}\n    lessons: [01-hello]\n",
  "packs/bad/01-hello/lesson.yaml": lesson01("lesson.yaml")
    .replace("id: 01-what-is-a-pod", "id: 01-hello")
    .replace("kind: command-run", "kind: teleport"),
  "packs/bad/01-hello/en.md": "# Hello\n\n## Step\n\nText.\n",
  "packs/bad/01-hello/ko.md": "# 안녕\n\n## 단계\n\n글.\n",
  "packs/bad/01-hello/starter.yaml": lesson01("starter.yaml"),
};
// Every other file of the lesson (its wrong answers' manifests too) goes along.
for (const file of readdirSync(join(ROOT, "lessons", "01-what-is-a-pod"))) {
  PACK[`packs/demo/01-hello/${file}`] ??= lesson01(file);
}

let server;
let browser;

before(async () => {
  server = await serveDist(PACK);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test("a lesson link opens that lesson, the address follows navigation, an unknown one says so", async () => {
  const page = await newPage(browser);
  await page.goto(`${server.url}?lang=en#/lesson/07-sidecar`);
  await page.waitForSelector("#lesson h3");
  assert.equal(await page.getAttribute('[data-lesson="07-sidecar"]', "aria-current"), "true");
  await page.click("#lesson-next");
  await page.waitForFunction(() => location.hash === "#/lesson/08-ambassador");
  await page.click("#lesson-prev");
  await page.waitForFunction(() => location.hash === "#/lesson/07-sidecar");
  // A link pasted into the open tab is followed too.
  await page.evaluate(() => (location.hash = "#/lesson/03-lifecycle"));
  await page.waitForFunction(() => document.querySelector('[data-lesson="03-lifecycle"]')?.getAttribute("aria-current") === "true");

  const other = await newPage(browser);
  await other.goto(`${server.url}?lang=ko#/lesson/99-nope`);
  await other.waitForSelector("#lesson-unknown");
  assert.match(await other.textContent("#lesson-unknown"), /그런 레슨은 없습니다/);
  assert.ok(await other.isVisible("#yaml"), "the rest of the app still works");
  assert.deepEqual([...page.errors, ...other.errors], []);
});

test("hints come one at a time and the solution only after the last one", async () => {
  const page = await newPage(browser);
  await page.goto(`${server.url}?lang=en#/lesson/01-what-is-a-pod`);
  await page.waitForSelector("#lesson-hint");
  assert.equal(await page.locator("#lesson-hints li").count(), 0);
  assert.equal(await page.locator("#lesson-solution").count(), 0, "no solution before the hints");
  assert.ok(await page.isVisible("#solution-locked"));
  await page.click("#lesson-hint");
  assert.equal(await page.locator("#lesson-hints li").count(), 1);
  // Graded: the first hint gives the concept, the last the answer.
  assert.equal(await page.getAttribute("#lesson-hints li", "data-grade"), "concept");
  assert.match(await page.textContent("#lesson-hints li"), /^Concept/);
  assert.equal(await page.locator("#lesson-solution").count(), 0);
  let shown = 1;
  while (await page.locator("#lesson-hint").count()) {
    assert.equal(await page.locator("#lesson-solution").count(), 0, `no solution after ${shown} hints`);
    await page.click("#lesson-hint");
    shown += 1;
    assert.equal(await page.locator("#lesson-hints li").count(), shown);
  }
  assert.ok(shown >= 2, `lesson 01 has hints to grade: ${shown}`);
  assert.equal(await page.getAttribute("#lesson-hints li:last-child", "data-grade"), "answer");
  assert.match(await page.textContent("#lesson-hints li:last-child"), /^Answer/);
  await page.click("#lesson-solution");
  assert.match(await page.inputValue("#yaml"), /nginx:1\.27/);
  // Hints shown are remembered across a reload.
  await page.reload();
  await page.waitForSelector("#lesson-hints li");
  assert.equal(await page.locator("#lesson-hints li").count(), shown);
  assert.deepEqual(page.errors, []);
});

test("a finished lesson is ticked on the map, summarised, exported and imported elsewhere", async () => {
  const page = await newPage(browser, { acceptDownloads: true });
  await page.goto(`${server.url}?lang=en#/lesson/01-what-is-a-pod`);
  await page.waitForSelector("#lesson-hint");
  while (await page.locator("#lesson-hint").count()) await page.click("#lesson-hint");
  await page.click("#lesson-solution");
  await page.selectOption("#speed", "100");
  await page.focus("#yaml");
  await page.keyboard.press("Control+Enter");
  await page.click("#tab-terminal");
  await page.focus("#term-input");
  await page.keyboard.type("kubectl get pods");
  await page.keyboard.press("Enter");
  await page.click("#tab-lessons");
  await page.waitForSelector("#lesson-summary", { timeout: 30000 });
  const summary = await page.inputValue("#lesson-summary");
  assert.match(summary, /01-what-is-a-pod/);
  assert.match(summary, /- \[x\] Pod `web` is Running/);
  assert.match(summary, /```yaml\n[\s\S]*nginx:1\.27/);
  assert.equal(await page.getAttribute('[data-lesson="01-what-is-a-pod"]', "data-finished"), "true");
  assert.match(await page.textContent("#progress-count"), /1\/\d+/);
  await screenshot(page, "lesson-complete");

  const download = await Promise.all([page.waitForEvent("download"), page.click("#progress-export")]).then(([d]) => d);
  assert.equal(download.suggestedFilename(), "podplay-progress.yaml");
  const exported = readFileSync(await download.path(), "utf8");
  assert.match(exported, /podplay-progress\/v1/);
  assert.match(exported, /01-what-is-a-pod:[\s\S]*done: true/);

  // Another browser (fresh storage) imports it.
  const other = await newPage(browser);
  await other.goto(`${server.url}?lang=en`);
  await other.click("#tab-lessons");
  await other.waitForSelector("#progress-import", { state: "attached" });
  await other.setInputFiles("#progress-import", { name: "bad.yaml", mimeType: "text/yaml", buffer: Buffer.from("format: something-else\n") });
  await other.waitForSelector("#progress-notice.problem");
  assert.match(await other.textContent("#progress-notice"), /bad\.yaml.*unknown format/);
  await other.setInputFiles("#progress-import", { name: "podplay-progress.yaml", mimeType: "text/yaml", buffer: Buffer.from(exported) });
  await other.waitForSelector("#progress-notice.info");
  assert.equal(await other.getAttribute('[data-lesson="01-what-is-a-pod"]', "data-finished"), "true");
  await other.reload();
  await other.click("#tab-lessons");
  await other.waitForSelector('[data-lesson="01-what-is-a-pod"][data-finished="true"]');
  assert.deepEqual([...page.errors, ...other.errors], []);
});

test("the sandbox has no lesson and is remembered", async () => {
  const page = await newPage(browser);
  await page.goto(`${server.url}?lang=ko#/lesson/02-yaml-anatomy`);
  await page.waitForSelector("#lesson h3");
  await page.click("#sandbox");
  await page.waitForSelector("#sandbox-mode");
  assert.match(await page.textContent("#sandbox-mode"), /샌드박스 모드/);
  assert.equal(await page.evaluate(() => location.hash), "");
  await page.reload();
  await page.click("#tab-lessons");
  await page.waitForSelector("#sandbox-mode");
  assert.equal(await page.getAttribute("#sandbox", "aria-pressed"), "true");
  assert.deepEqual(page.errors, []);
});

test("a teacher's pack is fetched at run time, its HTML stays text; a malformed one is reported with file and line", async () => {
  const page = await newPage(browser);
  await page.goto(`${server.url}?lang=en&pack=packs/demo/`);
  await page.click("#tab-lessons");
  await page.waitForSelector('[data-lesson="01-hello"]');
  assert.equal(await page.locator("[data-lesson]").count(), 1, "the teacher's pack replaces the built-in one");
  await page.click('[data-lesson="01-hello"]');
  await page.waitForSelector("#lesson .step");
  assert.match(await page.textContent("#lesson h3"), /Hello pack <img src=x onerror=window.__xss=1>/);
  assert.match(await page.textContent("#lesson .step"), /<script>window.__xss=2<\/script>/);
  assert.equal(await page.evaluate(() => window.__xss), undefined, "no pack text ran as HTML");
  assert.equal(await page.locator("#lesson img, #lesson script").count(), 0);

  const bad = await newPage(browser);
  await bad.goto(`${server.url}?lang=en&pack=packs/bad/`);
  await bad.click("#tab-lessons");
  await bad.waitForSelector("#pack-errors");
  await bad.waitForFunction(() => /lesson\.yaml:\d+:\d+/.test(document.querySelector("#pack-errors")?.textContent ?? ""));
  assert.match(await bad.textContent("#pack-errors"), /01-hello\/lesson\.yaml:\d+:\d+.*teleport/);

  const missing = await newPage(browser);
  await missing.goto(`${server.url}?lang=ko&pack=packs/none/`);
  await missing.click("#tab-lessons");
  await missing.waitForFunction(() => /index\.yaml.*HTTP 404/.test(document.querySelector("#pack-errors")?.textContent ?? ""));

  const elsewhere = await newPage(browser);
  await elsewhere.goto(`${server.url}?lang=en&pack=https://example.com/p/`);
  await elsewhere.click("#tab-lessons");
  await elsewhere.waitForFunction(() => /relative path on this same site/.test(document.querySelector("#pack-errors")?.textContent ?? ""));
  // The missing pack's 404 is logged by the browser itself; the others log nothing.
  assert.deepEqual([...page.errors, ...bad.errors, ...elsewhere.errors], []);
});

test("opening a lesson builds its cluster (nodes, taints, static pods), and a reload keeps it", async () => {
  const page = await newPage(browser);
  await page.goto(`${server.url}?lang=en#/lesson/12-scheduling`);
  await page.waitForSelector("#lesson h3");
  await page.click("#tab-terminal");
  await page.focus("#term-input");
  await page.keyboard.type("kubectl get nodes -L disktype");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => /worker-3\s.*hdd/.test(document.querySelector("#term-output").textContent));
  const nodes = await page.textContent("#term-output");
  assert.match(nodes, /worker-1\s.*ssd/);
  assert.match(nodes, /worker-2\s.*hdd/);
  assert.doesNotMatch(nodes, /control-plane/, "only the lesson's nodes, not the default cluster's");
  await page.reload();
  await page.click("#tab-terminal");
  await page.focus("#term-input");
  await page.keyboard.type("kubectl describe node worker-2");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => /dedicated=batch:NoSchedule/.test(document.querySelector("#term-output").textContent));

  // The static-pod lesson starts with its mirror pod on worker-2.
  await page.evaluate(() => (location.hash = "#/lesson/14-static-pods"));
  await page.waitForFunction(() => document.querySelector('[data-lesson="14-static-pods"]')?.getAttribute("aria-current") === "true");
  await page.selectOption("#speed", "100");
  await page.click("#play");
  await page.click("#tab-terminal");
  await page.focus("#term-input");
  await page.keyboard.type("kubectl get pods -o wide");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => /-worker-2\s/.test(document.querySelector("#term-output").textContent));
  assert.deepEqual(page.errors, []);
});
