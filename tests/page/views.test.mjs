// Page-level tests of the views: apply, the pod picture, the terminal,
// language switching, share links, reload, and user text kept as text.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { serveDist, launch, newPage, screenshot, clickPod, term } from "./harness.mjs";

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

const SIDECAR = `apiVersion: v1
kind: Pod
metadata:
  name: with-sidecar
spec:
  volumes:
  - name: logs
    emptyDir: {}
  containers:
  - name: app
    image: busybox:1.36
    command: ["sh", "-c", "while true; do echo tick >> /var/log/app/app.log; sleep 2; done"]
    volumeMounts:
    - {name: logs, mountPath: /var/log/app}
  - name: shipper
    image: busybox:1.36
    command: ["sh", "-c", "tail -F /logs/app.log"]
    volumeMounts:
    - {name: logs, mountPath: /logs}
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

test("Ctrl+Enter applies a manifest; the pod appears and reaches Running", async () => {
  const page = await open("en");
  await page.selectOption("#speed", "100");
  await applyManifest(page, SIDECAR);
  await page.waitForSelector('[data-pod="with-sidecar"]');
  assert.match(await page.textContent("#status"), /pod\/with-sidecar created/);
  assert.equal(await page.getAttribute("#play", "aria-pressed"), "true", "the clock runs after an apply");
  await page.waitForSelector('li.node [data-pod="with-sidecar"][data-status="Running"]', { timeout: 20000 });
  // 5: with-sidecar and the control plane's 4 static pods (kube-system).
  assert.match(await page.textContent("#cluster-summary"), /3 nodes \(3 ready\) · 5 pods · 0 pending/);
  await screenshot(page, "cluster-en");
  await clickPod(page, "with-sidecar");
  await page.waitForSelector("#container-states");
  assert.match(await page.textContent("#container-states"), /app\s*Running/);
  assert.match(await page.textContent("#pod-status"), /Running · worker-\d/);
  assert.match(await page.textContent(".pod-label + .pod-sub, .pod-sub"), /Pod IP: 10\.\d+\.\d+\.\d+/);
  await page.click("#tab-events");
  await page.waitForSelector("#events");
  assert.match(await page.textContent("#events"), /Scheduled/);
  assert.match(await page.textContent("#events"), /Started/);
  // Each kubelet event names its container, as `get events -o wide` does
  // (with-sidecar's own: the control plane's static pods have theirs too).
  const startedRows = await page.$$eval("#events tbody tr", (rows) =>
    rows.map((r) => [...r.cells].map((c) => c.textContent.trim())).filter((cells) => cells[2] === "Started" && cells[3].startsWith("pod/with-sidecar")),
  );
  assert.deepEqual(startedRows.map((cells) => cells[3]).sort(), ["pod/with-sidecarspec.containers{app}", "pod/with-sidecarspec.containers{shipper}"]);
  await screenshot(page, "events-en");
  assert.deepEqual(page.errors, []);
});

test("a pod no node can take waits aside with the scheduler's reasons", async () => {
  const page = await open("en");
  await applyManifest(page, SIDECAR.replace("  - name: app\n    image: busybox:1.36\n", "  - name: app\n    image: busybox:1.36\n    resources: {requests: {cpu: '64'}}\n"));
  await page.waitForSelector(".pending-pod table.why");
  assert.match(await page.textContent(".pending-pod"), /Insufficient cpu/);
  await page.waitForSelector(".fit-error");
  assert.match(await page.textContent(".fit-error"), /0\/3 nodes are available/);
  await screenshot(page, "cluster-pending-en");
});

test("a manifest with errors is not applied and says why", async () => {
  const page = await open("en");
  await page.fill("#yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: [oops\n");
  await page.click("#apply");
  assert.match(await page.textContent("#status"), /Fix the errors first/);
  const item = await page.waitForSelector("#diagnostics li.error");
  await page.click("#diagnostics li.error button.where");
  const caretLine = await page.$eval("#yaml", (t) => t.value.slice(0, t.selectionStart).split("\n").length);
  assert.equal(caretLine, Number(await item.getAttribute("data-line")), "the caret jumps to the diagnostic's line");
  assert.ok(await page.$(".underlay .squiggle.error"), "the line is underlined");
});

test("clicking a multi-container pod shows shared and separate namespaces", async () => {
  const page = await open("en");
  await applyManifest(page, SIDECAR);
  await clickPod(page, "with-sidecar");
  await page.waitForSelector("svg.pod-picture");
  assert.equal(await page.getAttribute("#tab-pod", "aria-selected"), "true");
  assert.equal(await page.locator(".ns-shared").count(), 1);
  assert.equal(await page.locator("g.ns-mnt").count(), 2);
  assert.equal(await page.locator("g.ns-pid").count(), 2);
  // The logs volume and the ServiceAccount's API token volume, each in both containers.
  assert.equal(await page.locator("line.mount").count(), 4);
  assert.match(await page.textContent("#pod-description"), /its own mount and process namespace/);
  await screenshot(page, "pod-separate-pid");

  // A pod's spec is immutable: the shared variant is a new pod.
  await applyManifest(page, SIDECAR.replace("spec:\n", "spec:\n  shareProcessNamespace: true\n").replace("with-sidecar", "shared-pid"));
  await page.click("#tab-cluster");
  await clickPod(page, "shared-pid");
  await page.waitForSelector("g.ns-pid.shared");
  assert.equal(await page.locator("g.ns-pid").count(), 1, "one merged pid namespace");
  assert.equal(await page.locator("g.ns-mnt").count(), 2, "mount namespaces stay per container");
  assert.match(await page.textContent("#pod-description"), /share one process namespace/);
  await screenshot(page, "pod-shared-pid");
  assert.deepEqual(page.errors, []);
});

test("kubectl debug --target draws an ephemeral container in its target's pid box; kubectl cp offers the file", async () => {
  const page = await open("en");
  await applyManifest(page, SIDECAR);
  await page.waitForSelector('li.node [data-pod="with-sidecar"][data-status="Running"]', { timeout: 20000 });
  assert.match(await term(page, "kubectl debug with-sidecar -it --image=busybox:1.36 --target=app"), /Targeting container "app"/);
  // `-it` opens a shell in the debug container; leave it for kubectl.
  await page.waitForFunction(() => document.querySelector("#term-prompt")?.textContent.trim() !== "$");
  await page.fill("#term-input", "exit");
  await page.press("#term-input", "Enter");
  await page.waitForFunction(() => document.querySelector("#term-prompt")?.textContent.trim() === "$");
  await term(page, "kubectl cp editor.yaml with-sidecar:/tmp/m.yaml -c app");
  await term(page, "kubectl cp with-sidecar:/tmp/m.yaml ./m.yaml -c app");
  await page.waitForSelector('#term-output .file a[download="m.yaml"]');
  await page.click("#tab-cluster");
  await clickPod(page, "with-sidecar");
  await page.waitForSelector("g.container.ephemeral");
  assert.equal(await page.locator("g.ns-pid.joined").count(), 1, "app and the debugger share one pid box");
  assert.equal(await page.locator("g.ns-pid").count(), 2, "the joined band and the shipper's own");
  assert.match(await page.textContent("g.container.ephemeral"), /ephemeral \(debug\)/);
  await screenshot(page, "pod-ephemeral");
  assert.deepEqual(page.errors, []);
});

test("tabs work from the keyboard alone", async () => {
  const page = await open("en");
  await page.focus("#tab-cluster");
  await page.keyboard.press("ArrowRight");
  assert.equal(await page.getAttribute("#tab-pod", "aria-selected"), "true");
  assert.equal(await page.evaluate(() => document.activeElement.id), "tab-pod");
  await page.keyboard.press("End");
  assert.equal(await page.getAttribute("#tab-lessons", "aria-selected"), "true");
  await page.keyboard.press("ArrowRight");
  assert.equal(await page.getAttribute("#tab-cluster", "aria-selected"), "true", "wraps around");
  // Every control has an accessible name.
  const unnamed = await page.$$eval("button, select, input, textarea", (els) =>
    els.filter((e) => !(e.getAttribute("aria-label") || e.labels?.length || e.textContent.trim())).map((e) => e.outerHTML),
  );
  assert.deepEqual(unnamed, []);
});

test("the terminal keeps history, completes, clears, and reads out answers", async () => {
  const page = await open("en");
  await page.click("#tab-terminal");
  await page.focus("#term-input");
  await page.keyboard.type("hel");
  await page.keyboard.press("Tab");
  assert.equal(await page.inputValue("#term-input"), "help", "Tab completes the command");
  await page.keyboard.press("Enter");
  await page.waitForSelector("#term-output pre.out");
  assert.match(await page.textContent("#term-output"), /Commands: kubectl/);
  await page.keyboard.type("kubectl app");
  await page.keyboard.press("Tab");
  assert.equal(await page.inputValue("#term-input"), "kubectl apply");
  await page.keyboard.type(" -f editor.yaml");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.querySelector("#term-output").textContent.includes("pod/hello created"));
  await page.keyboard.type("kubectl get pods");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => /NAME\s+READY\s+STATUS/.test(document.querySelector("#term-output").textContent));
  await page.keyboard.type("nope <img src=x onerror=window.__xss=1>");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.querySelector("#term-output").textContent.includes("nope: command not found"));
  assert.match(await page.textContent("#term-output"), /nope: command not found/);
  assert.equal(await page.locator("#term-output img").count(), 0, "typed HTML stays text");
  await page.keyboard.press("ArrowUp");
  assert.equal(await page.inputValue("#term-input"), "nope <img src=x onerror=window.__xss=1>");
  await page.keyboard.press("ArrowUp");
  assert.equal(await page.inputValue("#term-input"), "kubectl get pods");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  assert.equal(await page.inputValue("#term-input"), "", "back to a fresh line");
  assert.equal(await page.getAttribute("#term-output", "role"), "log");
  await screenshot(page, "terminal-en");
  await page.keyboard.press("Control+l");
  assert.equal((await page.textContent("#term-output")).trim(), "", "Ctrl+L clears");
  await page.keyboard.type("clear");
  await page.keyboard.press("Enter");
  assert.equal((await page.textContent("#term-output")).trim(), "");
  assert.equal(await page.evaluate(() => window.__xss), undefined);
  assert.deepEqual(page.errors, []);
});

test("the terminal runs a kubectl session: completion of names and flags, describe, errors with their explanation, watch, history", async () => {
  const page = await open("ko");
  await page.click("#tab-terminal");
  await page.focus("#term-input");
  const output = () => page.textContent("#term-output");
  const run = async (line, expected) => {
    await page.keyboard.type(line);
    await page.keyboard.press("Enter");
    await page.waitForFunction((want) => document.querySelector("#term-output").textContent.includes(want), expected);
  };
  await run("kubectl apply -f editor.yaml", "pod/hello created");
  // Tab completes a pod name, then a flag value.
  await page.keyboard.type("kubectl describe pod hel");
  await page.keyboard.press("Tab");
  assert.equal(await page.inputValue("#term-input"), "kubectl describe pod hello", "Tab completes the pod's name");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => /Name:\s+hello/.test(document.querySelector("#term-output").textContent));
  assert.match(await output(), /QoS Class:\s+BestEffort|QoS Class:\s+Burstable|QoS Class:\s+Guaranteed/);
  await page.keyboard.type("kubectl get pods -o wi");
  await page.keyboard.press("Tab");
  assert.equal(await page.inputValue("#term-input"), "kubectl get pods -o wide", "Tab completes a flag's value");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.querySelector("#term-output").textContent.includes("NOMINATED NODE"));
  // describe node: the conditions and the system info, as kubectl prints them.
  await run("kubectl describe node worker-1", "System Info:");
  assert.match(await output(), /MemoryPressure\s+False\s+/);
  assert.match(await output(), /Ready\s+True\s+.*KubeletReady\s+kubelet is posting ready status/);
  // An error: kubectl's line in English, then our explanation in the page's language.
  await run("kubectl get pdos", 'error: the server doesn\'t have a resource type "pdos"');
  assert.match(await output(), /`pdos`\(이\)라는 리소스 종류는 없습니다/);
  const errors = await page.locator("#term-output pre.err").allTextContents();
  assert.ok(errors.some((e) => e.startsWith("error: the server doesn't have a resource type") && /pods/.test(e)), errors.join("\n"));
  // A bounded watch prints its table and returns the prompt.
  await run("kubectl get nodes -w", "ROLES");
  assert.match(await output(), /NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION/);
  // History walks back through what was typed.
  await page.keyboard.press("ArrowUp");
  assert.equal(await page.inputValue("#term-input"), "kubectl get nodes -w");
  await page.keyboard.press("ArrowUp");
  assert.equal(await page.inputValue("#term-input"), "kubectl get pdos");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  assert.equal(await page.inputValue("#term-input"), "");
  await page.keyboard.press("Control+l");
  assert.equal((await output()).trim(), "", "Ctrl+L clears");
  await run("k get po", "hello");
  await page.keyboard.type("clear");
  await page.keyboard.press("Enter");
  assert.equal((await output()).trim(), "", "clear clears");
  assert.deepEqual(page.errors, []);
});

// Strings that read the same in both languages: names, numbers, glyphs.
const NEUTRAL = /^(ContainerCreating|CrashLoopBackOff|Completed|Error|spec\..*|busybox:1\.36|[A-Z][A-Z ]+|Ready|Running|Pending|Normal|Warning|control-plane|worker-\d|(etcd|kube-apiserver|kube-controller-manager|kube-scheduler)-control-plane|.*\d+m \/ \d+m|.* Gi|Waiting: .*|Terminated: .*|CPU \d+%|.*, .*|Podplay|한국어|English|[\d:.×\s]+|[▶⏸⏭✓✗✖▲●⚠ℹ✕⇪❚»$·]+|Kubernetes.*\d|.*with-sidecar.*|app|shipper|logs|emptyDir|projected|kube-api-access-.*|busybox:1\.36|\/.*|⬤|.* → .*|.*\d+)$/;

async function visibleTexts(page) {
  return page.evaluate(() => {
    const out = new Set();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode;
      const el = node.parentElement;
      // Upstream's own output (kubectl's event table, logs, terminal) stays verbatim by design.
      if (!el || el.closest("textarea, .underlay, .gutter, script, table.events, section.log, .term-output")) continue;
      const t = node.textContent.trim();
      if (t) out.add(t);
    }
    for (const el of document.querySelectorAll("[aria-label], [title]")) {
      for (const a of ["aria-label", "title"]) if (el.getAttribute(a)) out.add(el.getAttribute(a));
    }
    return [...out];
  });
}

test("switching the language changes every visible string, on every tab", async () => {
  const page = await open("en");
  await applyManifest(page, SIDECAR);
  await clickPod(page, "with-sidecar");
  for (const tab of ["cluster", "pod", "traffic", "events", "terminal", "lessons"]) {
    await page.selectOption("#lang", "en");
    await page.click(`#tab-${tab}`);
    const en = await visibleTexts(page);
    await page.selectOption("#lang", "ko");
    await page.waitForFunction(() => document.documentElement.lang === "ko");
    const ko = new Set(await visibleTexts(page));
    const same = en.filter((t) => ko.has(t) && !NEUTRAL.test(t));
    assert.deepEqual(same, [], `${tab}: these did not change language`);
    if (tab === "pod") await screenshot(page, "pod-ko");
  }
  assert.deepEqual(page.errors, []);
});

test("a reload restores the manifest, the applied pods, the tab and the clock", async () => {
  const page = await open("en");
  await applyManifest(page, SIDECAR);
  await page.click("#play");
  assert.equal(await page.getAttribute("#play", "aria-pressed"), "false");
  await page.click("#step");
  await page.click("#step");
  await page.click("#tab-events");
  const clock = await page.textContent("#clock-now");
  await page.reload();
  await page.waitForSelector("#yaml");
  assert.match(await page.inputValue("#yaml"), /with-sidecar/);
  assert.equal(await page.getAttribute("#tab-events", "aria-selected"), "true");
  assert.equal(await page.textContent("#clock-now"), clock);
  await page.click("#tab-cluster");
  assert.ok(await page.$('[data-pod="with-sidecar"]'), "the applied pod is back");
});

test("the clock plays at the chosen speed and pauses", async () => {
  const page = await open("en");
  await page.selectOption("#speed", "100");
  await page.click("#play");
  assert.equal(await page.getAttribute("#play", "aria-pressed"), "true");
  await page.waitForFunction(() => document.querySelector("#clock-now").textContent >= "0:03.0");
  await page.click("#play");
  const paused = await page.textContent("#clock-now");
  await page.waitForTimeout(300);
  assert.equal(await page.textContent("#clock-now"), paused, "paused means paused");
});

test("a share link recreates the manifest anywhere; a broken one is explained", async () => {
  const page = await open("en");
  await page.fill("#yaml", SIDECAR.replace("with-sidecar", "shared-pod"));
  await page.click("#share");
  const link = await page.inputValue("#share-link");
  assert.match(link, /#s=[A-Za-z0-9_-]+$/);
  assert.ok(link.startsWith(server.url), "the link keeps the sub-path");

  const other = await newPage(browser); // a fresh context: empty storage
  await other.goto(link);
  await other.waitForSelector("#yaml");
  assert.match(await other.inputValue("#yaml"), /name: shared-pod/);
  await other.waitForSelector('[data-pod="shared-pod"]');
  assert.equal(await other.evaluate(() => location.hash), "", "the fragment is dropped after reading");
  await screenshot(other, "share-opened");

  const broken = await newPage(browser);
  await broken.goto(`${server.url}?lang=ko#s=AAAA-not-a-link`);
  await broken.waitForSelector("#status");
  assert.match(await broken.textContent("#status"), /공유 링크를 읽지 못했습니다/);
  assert.deepEqual([...page.errors, ...other.errors, ...broken.errors], []);
});

test("names and logs with markup stay text everywhere", async () => {
  const page = await open("en");
  // An invalid name: the validator quotes it back, as text.
  await page.fill("#yaml", SIDECAR.replace("name: app", 'name: "<img src=x onerror=window.__xss=1>"'));
  await page.waitForSelector("#diagnostics li.error");
  assert.match(await page.textContent("#diagnostics"), /<img src=x onerror/);
  // A valid pod whose log prints markup.
  await page.selectOption("#speed", "100");
  await applyManifest(page, SIDECAR.replace("echo tick", "echo '<script>window.__xss=2</script><img src=x onerror=window.__xss=3>'"));
  await page.waitForSelector('[data-pod="with-sidecar"][data-status="Running"]', { timeout: 20000 });
  await page.click("#tab-terminal");
  await page.focus("#term-input");
  await page.keyboard.type("kubectl exec with-sidecar -c app -- cat /var/log/app/app.log");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.querySelector("#term-output").textContent.includes("<script>window.__xss=2"));
  assert.equal(await page.locator("main img, main script").count(), 0);
  assert.equal(await page.evaluate(() => window.__xss), undefined);
  assert.deepEqual(page.errors, []);
});

test("dark mode and a tablet-sized screen", async () => {
  const page = await open("ko", { colorScheme: "dark", viewport: { width: 820, height: 1180 } });
  await applyManifest(page, SIDECAR);
  await clickPod(page, "with-sidecar");
  await page.waitForSelector("svg.pod-picture");
  const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.equal(bg, "rgb(18, 21, 27)");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `no sideways scrolling on a tablet (${overflow}px)`);
  await screenshot(page, "tablet-dark-ko");
});

test("a projector-sized screen shows editor and views side by side", async () => {
  const page = await open("en", { viewport: { width: 1280, height: 800 } });
  await applyManifest(page, SIDECAR);
  const editor = await page.locator(".editor-panel").boundingBox();
  const views = await page.locator("section.views").boundingBox();
  assert.ok(views.x > editor.x + editor.width - 1, "two columns");
  await page.goto(`${server.url}?lang=en&bench=50x500`);
  await page.click("#tab-traffic");
  await page.waitForSelector("svg.traffic path.pk");
  await page.waitForTimeout(200);
  await screenshot(page, "traffic-bench");
});

test("a quick fix from the engine repairs the manifest in one click", async () => {
  const page = await open("en");
  await page.fill("#yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: typo\n  lables:\n    app: web\nspec:\n  containers:\n  - name: web\n    image: nginx:1.27\n");
  const item = await page.waitForSelector("#diagnostics li.error");
  assert.equal(await item.getAttribute("data-line"), "5");
  await screenshot(page, "quick-fix-en");
  await page.click("#diagnostics button.fix");
  assert.match(await page.inputValue("#yaml"), /\n  labels:\n/);
  assert.equal(await page.locator("#diagnostics li.error").count(), 0);
});

test("traffic inside a pod is animated, and the timeline scrubs back through it", async () => {
  const page = await open("en");
  await page.selectOption("#speed", "100");
  await applyManifest(page, SIDECAR);
  await page.waitForSelector('[data-pod="with-sidecar"][data-status="Running"]', { timeout: 20000 });
  await page.click("#tab-traffic");
  await page.waitForSelector("#timeline", { timeout: 20000 });
  await page.waitForFunction(() => [...document.querySelectorAll("svg.traffic path.pk")].some((p) => p.getAttribute("d")));
  assert.match(await page.textContent("#timeline-item"), /app → logs|logs → shipper/);
  await screenshot(page, "traffic-pod-en");
  await page.click("#play"); // pause
  await page.$eval("#timeline", (el) => {
    el.value = "0";
    el.dispatchEvent(new Event("input", { bubbles: true }));
  });
  assert.match(await page.textContent("#timeline-item"), /^0:0\d\.\d/);
  assert.equal(await page.isDisabled("#timeline-live"), false, "a way back to the live clock");
  assert.deepEqual(page.errors, []);
});

test("a lesson opens, fills the editor, and travels in a share link", async () => {
  const page = await open("ko");
  await page.click("#tab-lessons");
  await page.click('[data-lesson="05-shared-namespaces"]');
  await page.waitForSelector("#lesson .step");
  assert.ok((await page.locator("#lesson .step").count()) >= 2, "the story has steps");
  assert.equal(await page.locator("#lesson script, #lesson img[onerror]").count(), 0);
  await page.click("#lesson-starter");
  const starter = await page.inputValue("#yaml");
  assert.match(starter, /kind: Pod/);
  await screenshot(page, "lesson-ko");
  await page.click("#share");
  const link = await page.inputValue("#share-link");
  const other = await newPage(browser);
  await other.goto(link);
  await other.waitForSelector("#yaml");
  assert.equal(await other.inputValue("#yaml"), starter);
  await other.click("#tab-lessons");
  assert.equal(await other.getAttribute('[data-lesson="05-shared-namespaces"]', "aria-current"), "true");
  assert.deepEqual([...page.errors, ...other.errors], []);
});

test("a 5000-node cluster stays usable: a summary and the busiest nodes", async () => {
  const page = await open("en");
  await page.goto(`${server.url}?lang=en&nodes=5000`);
  await page.waitForSelector("#cluster-summary");
  assert.match(await page.textContent("#cluster-summary"), /^5000 nodes \(5000 ready\)/);
  assert.ok((await page.locator("li.node").count()) <= 48, "only the busiest nodes are drawn");
  assert.match(await page.textContent(".cluster-view"), /and 4952 more/);
  await applyManifest(page, SIDECAR);
  await page.waitForSelector('[data-pod="with-sidecar"]');
  assert.deepEqual(page.errors, []);
});

// Markup in every place a learner's text reaches the page: a label (refused
// by the validator, which quotes it back), an annotation (accepted, shown by
// describe), a container's stdout (kubectl logs), a pod name typed in the
// terminal, and a label value given to kubectl label. None of it may become
// an element or run.
const MARKED = `apiVersion: v1
kind: Pod
metadata:
  name: marked
  labels: {app: marked}
  annotations:
    note: "<img src=x onerror=window.__xss=11><script>window.__xss=12</script>"
spec:
  containers:
  - name: app
    image: busybox:1.36
    command: ["sh", "-c", "echo '<script>window.__xss=13</script><img src=x onerror=window.__xss=14>'; sleep 3600"]
`;

test("labels, annotations, logs and names with markup stay text", async () => {
  const page = await open("en");
  const stayText = async () => {
    assert.equal(await page.locator("main img, main script, header img, header script").count(), 0);
    assert.equal(await page.evaluate(() => window.__xss), undefined);
  };
  // A label value with markup is invalid; the diagnostic quotes it as text.
  await page.fill("#yaml", MARKED.replace("labels: {app: marked}", 'labels: {app: "<script>window.__xss=10</script>"}'));
  await page.waitForSelector("#diagnostics li.error");
  assert.match(await page.textContent("#diagnostics"), /<script>window.__xss=10<\/script>/);
  await stayText();

  await page.selectOption("#speed", "100");
  await applyManifest(page, MARKED);
  await page.waitForSelector('[data-pod="marked"][data-status="Running"]', { timeout: 20000 });
  await page.click("#tab-terminal");
  const run = async (line, expect) => {
    await page.focus("#term-input");
    await page.keyboard.type(line);
    await page.keyboard.press("Enter");
    await page.waitForFunction((e) => document.querySelector("#term-output").textContent.includes(e), expect);
  };
  await run("kubectl describe pod marked", "note: <img src=x onerror=window.__xss=11><script>window.__xss=12</script>");
  await run("kubectl logs marked", "<script>window.__xss=13</script><img src=x onerror=window.__xss=14>");
  await run("kubectl get pod '<img src=x onerror=window.__xss=15>'", '"<img src=x onerror=window.__xss=15>" not found');
  await run("kubectl label pod marked 'tier=<script>window.__xss=16</script>'", "<script>window.__xss=16</script>");
  await stayText();
  for (const tab of ["#tab-cluster", "#tab-pod"]) {
    await page.click(tab);
    await stayText();
  }
  assert.deepEqual(page.errors, []);
});
