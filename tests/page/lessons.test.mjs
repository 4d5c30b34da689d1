// Page-level test of a lesson end to end: its goals start open, and tick one
// by one as the learner applies the solution and runs the command the lesson
// asks for, judged live by the engine's checks.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { serveDist, launch, newPage, screenshot } from "./harness.mjs";

let server;
let browser;

before(async () => {
  server = await serveDist();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const passed = (page) => page.locator('#lesson-goals li[data-passed="true"]').count();

test("lesson 01's goals tick as the solution runs and kubectl get pods is typed", async () => {
  const page = await newPage(browser);
  await page.goto(`${server.url}?lang=en`);
  await page.waitForSelector("#yaml");
  await page.click("#tab-lessons");
  await page.click('[data-lesson="01-what-is-a-pod"]');
  await page.waitForSelector("#lesson-goals li");
  assert.equal(await page.locator("#lesson-goals li").count(), 3, "three goals");
  assert.equal(await passed(page), 0, "nothing is done before the learner acts");

  // The solution unlocks after the hints, one at a time.
  assert.equal(await page.locator("#lesson-solution").count(), 0);
  while (await page.locator("#lesson-hint").count()) await page.click("#lesson-hint");
  await page.click("#lesson-solution");
  await page.selectOption("#speed", "100");
  await page.focus("#yaml");
  await page.keyboard.press("Control+Enter");
  await page.click("#tab-lessons");
  // The pod is scheduled, pulled and started on the virtual clock.
  await page.waitForFunction(() => document.querySelectorAll('#lesson-goals li[data-passed="true"]').length >= 2, null, { timeout: 20000 });
  assert.match(await page.textContent("#goals-title"), /Goals \(2\/3\)/);

  await page.click("#tab-terminal");
  await page.focus("#term-input");
  await page.keyboard.type("kubectl get pods");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => /NAME\s+READY\s+STATUS/.test(document.querySelector("#term-output").textContent));
  await page.click("#tab-lessons");
  await page.waitForFunction(() => document.querySelectorAll('#lesson-goals li[data-passed="true"]').length === 3);
  assert.match(await page.textContent("#goals-title"), /Goals \(3\/3\)/);
  await screenshot(page, "lesson-goals-done");
  assert.deepEqual(page.errors, []);
});
