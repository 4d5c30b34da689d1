// Page-level tests of the terminal as issue #17 made it: Kubernetes
// namespaces and the context namespace survive a reload and a share link
// (the journal replays the commands), and seed article 000's static-pod
// workflow is done from a shell on the node, watched from kubectl.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { serveDist, launch, newPage, screenshot, pause, term } from "./harness.mjs";

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

/** Types a line that may print nothing (a here-document's line) and waits until the terminal shows it. */
async function type(page, line) {
  const before = await page.locator("#term-output .cmd").count();
  await page.fill("#term-input", line);
  await page.press("#term-input", "Enter");
  await page.waitForFunction((n) => document.querySelectorAll("#term-output .cmd").length > n, before);
}

async function open(page, url) {
  await page.goto(url);
  await page.waitForSelector("#yaml");
  return page;
}

test("namespaces and the context's namespace survive a reload and a share link", async () => {
  const page = await open(await newPage(browser), `${server.url}?lang=en`);
  await pause(page);
  assert.match(await term(page, "kubectl create namespace dev"), /namespace\/dev created/);
  assert.match(await term(page, "kubectl config set-context --current --namespace=dev"), /Context "kubernetes-admin@kubernetes" modified\./);
  assert.match(await term(page, "kubectl run web --image=nginx:1.27"), /pod\/web created/);
  await page.click("#step");
  const namespaces = await term(page, "kubectl get ns");
  assert.match(namespaces, /^dev\s+Active/m);
  const pods = await term(page, "kubectl get pods");
  assert.match(pods, /^web\s/m, "the pod is listed from the context's namespace");
  assert.match(await term(page, "kubectl get pods -n default"), /No resources found in default namespace\./);

  await page.reload();
  await page.waitForSelector("#yaml");
  assert.equal(await term(page, "kubectl get ns"), namespaces, "the namespace is still there after a reload");
  assert.match(await term(page, "kubectl config view --minify -o jsonpath={..namespace}"), /^dev$/m);
  assert.match(await term(page, "kubectl get pods"), /^web\s/m, "and so is the context's namespace");

  await page.click("#share");
  const link = await page.inputValue("#share-link");
  const other = await open(await newPage(browser), link);
  assert.match(await term(other, "kubectl get ns"), /^dev\s+Active/m, "a share link carries the namespace");
  assert.match(await term(other, "kubectl get pods"), /^web\s/m, "and the context's namespace");
  await screenshot(other, "terminal-namespaces-shared");
  assert.deepEqual([...page.errors, ...other.errors], []);
});

const STATIC_WEB = [
  "apiVersion: v1",
  "kind: Pod",
  "metadata:",
  "  name: static-web",
  "spec:",
  "  containers:",
  "  - name: web",
  "    image: nginx:1.27",
];

test("seed 000's static pod: written on the node, seen by kubectl, gone when the file goes", async () => {
  const page = await open(await newPage(browser), `${server.url}?lang=ko`);
  await pause(page);
  await page.click("#tab-terminal");
  await page.click("#node-shell");
  await page.waitForFunction(() => document.querySelector("#term-prompt")?.textContent.includes("worker-1"));
  assert.match(await page.textContent("#term-prompt"), /root@worker-1/, "the prompt says where the shell runs");
  assert.match(await term(page, "grep staticPodPath /var/lib/kubelet/config.yaml"), /staticPodPath: \/etc\/kubernetes\/manifests/);
  // A heredoc typed line by line, as in a real terminal.
  await type(page, "cat <<EOF > /etc/kubernetes/manifests/static-web.yaml");
  assert.match(await page.textContent("#term-prompt"), />/, "a here-document asks for more");
  for (const line of STATIC_WEB) await type(page, line);
  await type(page, "EOF");
  assert.match(await term(page, "ls /etc/kubernetes/manifests"), /static-web\.yaml/);
  await type(page, "exit");
  assert.equal((await page.textContent("#term-prompt")).trim(), "$", "back at kubectl");
  for (let i = 0; i < 25; i++) await page.click("#step");
  assert.match(await term(page, "kubectl get pods"), /^static-web-worker-1\s/m, "the mirror pod appears");

  await type(page, "ssh worker-1");
  await type(page, "rm /etc/kubernetes/manifests/static-web.yaml");
  await type(page, "exit");
  for (let i = 0; i < 25; i++) await page.click("#step");
  assert.doesNotMatch(await term(page, "kubectl get pods"), /static-web-worker-1/, "deleting the file deletes the pod");
  await screenshot(page, "terminal-static-pod-ko");
  assert.deepEqual(page.errors, []);
});
