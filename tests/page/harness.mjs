// Shared page-test harness: serves dist/ from a sub-path on loopback and
// drives Debian's Chromium through playwright-core.
import { createServer } from "node:http";
import { readFile, mkdir } from "node:fs/promises";
import { join, normalize, extname, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";

const here = dirname(fileURLToPath(import.meta.url));
export const ROOT = normalize(join(here, "..", ".."));
export const DIST = join(ROOT, "dist");
export const ARTIFACTS = join(ROOT, "test-artifacts");
// The app is served from a sub-path, as on a classroom server or a project page.
export const SUBPATH = "/class/podplay/";

const require = createRequire(join(ROOT, "tools", "package.json"));
const { chromium } = require("playwright-core");

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".wasm": "application/wasm",
  ".css": "text/css",
  ".svg": "image/svg+xml",
  ".yaml": "text/yaml; charset=utf-8",
  ".md": "text/markdown; charset=utf-8",
  ".json": "application/json",
};

/**
 * Starts a static server for dist/ under SUBPATH on 127.0.0.1; resolves to { url, close }.
 * `extra` serves more files beside dist/ (path relative to SUBPATH → text), e.g. a teacher's lesson pack.
 */
export async function serveDist(extra = {}) {
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    if (!path.startsWith(SUBPATH)) {
      res.writeHead(404).end("not under the sub-path");
      return;
    }
    if (Object.hasOwn(extra, path.slice(SUBPATH.length))) {
      res.writeHead(200, { "content-type": "text/plain; charset=utf-8" }).end(extra[path.slice(SUBPATH.length)]);
      return;
    }
    let rel = path.slice(SUBPATH.length) || "index.html";
    if (rel.endsWith("/")) rel += "index.html";
    const file = normalize(join(DIST, rel));
    if (!file.startsWith(DIST)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" }).end(body);
    } catch {
      res.writeHead(404).end("not found");
    }
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}${SUBPATH}`, close: () => new Promise((ok) => server.close(ok)) };
}

export const CHROMIUM_ARGS = [
  "--headless=new",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

export async function launch() {
  return chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", args: CHROMIUM_ARGS });
}

/** A new page that records console errors and uncaught exceptions (a wasm panic shows up here). */
export async function newPage(browser, options = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  page.errors = [];
  page.on("pageerror", (e) => page.errors.push(String(e)));
  page.on("console", (m) => {
    if (m.type() === "error") page.errors.push(m.text());
  });
  return page;
}

/**
 * Opens a pod's view by clicking its chip in the cluster view. A new pod is
 * drawn in the pending row until the scheduler binds it, then moves to its
 * node; a click aimed at it during that move lands on nothing. So wait until
 * the chip sits on a node, click it, and wait for the pod view to show it.
 * With the clock paused nothing moves: `{ placed: false }` clicks the chip
 * wherever it is, pending or not.
 */
export async function clickPod(page, name, { placed = true } = {}) {
  const chip = placed ? `li.node [data-pod="${name}"]` : `[data-pod="${name}"]`;
  await page.waitForSelector(chip, { timeout: 20000 });
  await page.click(chip);
  await page.waitForFunction((n) => document.querySelector("#pod-title")?.textContent.includes(n), name);
}

/** Pauses the virtual clock (the play button is a toggle). */
export async function pause(page) {
  if ((await page.getAttribute("#play", "aria-pressed")) === "true") await page.click("#play");
}

/** Types a line into the terminal and returns its answer (the new output). */
export async function term(page, line) {
  if ((await page.getAttribute("#tab-terminal", "aria-selected")) !== "true") await page.click("#tab-terminal");
  const before = await page.locator("#term-output pre").count();
  await page.fill("#term-input", line);
  await page.press("#term-input", "Enter");
  await page.waitForFunction((n) => document.querySelectorAll("#term-output pre").length > n, before);
  const pres = await page.locator("#term-output pre").allTextContents();
  return pres.slice(before).join("\n");
}

export async function screenshot(page, name) {
  await mkdir(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/**
 * Watches requestAnimationFrame for `ms` milliseconds in the page and
 * returns the frame intervals' statistics and the long tasks (> 50 ms) seen.
 */
export async function measureFrames(page, ms) {
  return page.evaluate(async (ms) => {
    const longTasks = [];
    const obs = new PerformanceObserver((list) => list.getEntries().forEach((e) => longTasks.push(e.duration)));
    obs.observe({ type: "longtask", buffered: false });
    const stamps = [];
    await new Promise((done) => {
      const start = performance.now();
      const tick = (t) => {
        stamps.push(t);
        if (t - start < ms) requestAnimationFrame(tick);
        else done();
      };
      requestAnimationFrame(tick);
    });
    obs.disconnect();
    const gaps = stamps.slice(1).map((t, i) => t - stamps[i]).sort((a, b) => a - b);
    const q = (p) => gaps[Math.min(gaps.length - 1, Math.floor(p * gaps.length))];
    return {
      frames: gaps.length,
      p50: q(0.5),
      p99: q(0.99),
      max: gaps[gaps.length - 1],
      over: gaps.filter((g) => g > 16.7 + 0.5).length,
      longTasks,
    };
  }, ms);
}
