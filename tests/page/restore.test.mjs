// Page-level tests of what survives a reload (the journal: applies, terminal
// commands and the clock, replayed), the crash-loop countdown, and the
// accessibility and layout points checked on every tab.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { serveDist, launch, newPage, screenshot, clickPod, pause, term } from "./harness.mjs";

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

const pod = (name, extra = "") => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  labels: {app: ${name}}
spec:
  containers:
  - name: main
    image: busybox:1.36
    command: ["sh", "-c", "${extra || "while true; do sleep 1; done"}"]
`;

async function open(lang = "en", options = {}) {
  const page = await newPage(browser, options);
  await page.goto(`${server.url}?lang=${lang}`);
  await page.waitForSelector("#yaml");
  return page;
}

async function applyManifest(page, yaml) {
  await page.fill("#yaml", yaml);
  await page.focus("#yaml");
  await page.keyboard.press("Control+Enter");
}

test("a reload replays applies, terminal commands and the clock", async () => {
  const page = await open("en");
  await applyManifest(page, pod("keeper"));
  await page.waitForSelector('[data-pod="keeper"]');
  await applyManifest(page, pod("doomed"));
  await page.waitForSelector('[data-pod="doomed"]');
  await pause(page);
  for (let i = 0; i < 5; i++) await page.click("#step");
  assert.match(await term(page, "kubectl label pod keeper tier=back"), /pod\/keeper labeled/);
  assert.match(await term(page, "kubectl delete pod doomed --grace-period=1"), /pod "doomed" deleted/);
  assert.match(await term(page, "kubectl annotate pod keeper note=kept"), /pod\/keeper annotated/);
  await page.click("#step");
  await page.click("#step");
  await page.selectOption("#speed", "50");
  await page.click("#tab-cluster");
  await clickPod(page, "keeper");
  const clock = await page.textContent("#clock-now");
  const listing = await term(page, "kubectl get pods --show-labels");
  assert.match(listing, /keeper\s+1\/1\s+Running.*app=keeper,tier=back/);
  assert.doesNotMatch(listing, /doomed/);
  const described = await term(page, "kubectl get pod keeper -o jsonpath={.metadata.annotations.note}");
  await screenshot(page, "restore-before");

  await page.reload();
  await page.waitForSelector("#yaml");
  assert.equal(await page.textContent("#clock-now"), clock, "the virtual clock is where it was");
  assert.equal(await page.getAttribute("#tab-terminal", "aria-selected"), "true", "the tab too");
  assert.equal(await page.inputValue("#speed"), "50", "and the clock's speed");
  assert.equal(await term(page, "kubectl get pods --show-labels"), listing, "same pods, labels and ages");
  assert.equal(await term(page, "kubectl get pod keeper -o jsonpath={.metadata.annotations.note}"), described);
  await page.click("#tab-pod");
  assert.match(await page.textContent("#pod-title"), /keeper/, "the open pod is still open");
  await page.click("#tab-cluster");
  assert.ok(await page.$('[data-pod="keeper"]'), "the kept pod is drawn");
  assert.equal(await page.$('[data-pod="doomed"]'), null, "the deleted pod stays deleted");
  // The restored cluster goes on: stepping still works from there.
  await page.click("#step");
  assert.notEqual(await page.textContent("#clock-now"), clock);
  await screenshot(page, "restore-after");
  assert.deepEqual(page.errors, []);
});

test("a crash-looping container counts its back-off down on the virtual clock", async () => {
  const page = await open("en");
  await page.selectOption("#speed", "100");
  await applyManifest(page, pod("crasher", "sleep 1; exit 3"));
  await clickPod(page, "crasher");
  const countdown = await page.waitForSelector("#container-states .backoff", { timeout: 20000 });
  await pause(page);
  const left = Number(await page.getAttribute("#container-states .backoff", "data-left-ms"));
  assert.match(await countdown.textContent(), /restarting in \d+s \(back-off \d+s\)/);
  assert.match(await page.textContent("#container-states"), /Last exit: Error \(3\)/);
  assert.ok(Number(await page.textContent("#container-states .restarts")) >= 1, "restarts are counted");
  if (left > 1000) {
    await page.click("#step");
    const after = Number(await page.getAttribute("#container-states .backoff", "data-left-ms"));
    assert.equal(after, left - 1000, "one step of the clock is one second off the countdown");
  }
  await screenshot(page, "pod-backoff-en");
  await page.selectOption("#lang", "ko");
  assert.match(await page.textContent("#container-states .backoff"), /\d+초 후 재시작 \(백오프 \d+초\)|지금 재시작하는 중/);
  assert.deepEqual(page.errors, []);
});

test("every tab: each control is named and reachable by Tab; colour is never the only signal", async () => {
  const page = await open("en");
  await applyManifest(page, pod("named"));
  await page.waitForSelector('[data-pod="named"]');
  await pause(page);
  for (const tab of ["cluster", "pod", "traffic", "events", "terminal", "lessons"]) {
    await page.click(`#tab-${tab}`);
    if (tab === "pod") await page.waitForSelector("#pod-description");
    const unnamed = await page.$$eval("button, select, input, textarea, [role=tab], [tabindex]", (els) =>
      els
        .filter((e) => !e.closest("[aria-hidden=true]"))
        .filter((e) => !(e.getAttribute("aria-label") || e.getAttribute("aria-labelledby") || e.labels?.length || e.textContent.trim()))
        .map((e) => e.outerHTML.slice(0, 120)),
    );
    assert.deepEqual(unnamed, [], `${tab}: controls without a name`);
    const unreachable = await page.$$eval("button:not([disabled]), select, input, textarea", (els) =>
      els.filter((e) => e.tabIndex < 0 && e.getAttribute("role") !== "tab").map((e) => e.outerHTML.slice(0, 120)),
    );
    assert.deepEqual(unreachable, [], `${tab}: controls taken out of the Tab order`);
  }
  // Pod chips carry their status in words, not only in colour.
  await page.click("#tab-cluster");
  assert.match(await page.textContent('[data-pod="named"]'), /named\s*(Running|ContainerCreating|Pending)/);
  // The picture has a text description for screen readers. The clock is
  // paused, so the pod may still be pending: click it where it is.
  await clickPod(page, "named", { placed: false });
  assert.equal(await page.getAttribute("svg.pod-picture", "aria-describedby"), "pod-description");
  assert.match(await page.textContent("#pod-description"), /Pod named has 1 container/);
  assert.deepEqual(page.errors, []);
});

test("a 1024×768 projector and a light theme", async () => {
  const page = await open("en", { colorScheme: "light", viewport: { width: 1024, height: 768 } });
  await applyManifest(page, pod("beamed"));
  await clickPod(page, "beamed");
  await page.waitForSelector("svg.pod-picture");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `no sideways scrolling on a projector (${overflow}px)`);
  const [light, dark] = [
    await page.evaluate(() => getComputedStyle(document.body).backgroundColor),
    await (async () => {
      await page.emulateMedia({ colorScheme: "dark" });
      return page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    })(),
  ];
  assert.notEqual(light, dark, "the theme follows the system preference");
  assert.equal(dark, "rgb(18, 21, 27)");
  await page.emulateMedia({ colorScheme: "light" });
  await screenshot(page, "projector-light-en");
  assert.deepEqual(page.errors, []);
});

test("a share link carries the cluster: terminal work and the clock arrive too", async () => {
  const page = await open("en");
  await applyManifest(page, pod("traveller"));
  await page.waitForSelector('[data-pod="traveller"]');
  await pause(page);
  for (let i = 0; i < 4; i++) await page.click("#step");
  assert.match(await term(page, "kubectl label pod traveller trip=yes"), /labeled/);
  const listing = await term(page, "kubectl get pods --show-labels");
  const clock = await page.textContent("#clock-now");
  await page.click("#share");
  const link = await page.inputValue("#share-link");

  const other = await newPage(browser); // a fresh context: empty storage
  await other.goto(link);
  await other.waitForSelector("#yaml");
  assert.equal(await other.textContent("#clock-now"), clock);
  assert.equal(await term(other, "kubectl get pods --show-labels"), listing);
  assert.deepEqual([...page.errors, ...other.errors], []);
});
