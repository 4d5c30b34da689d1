// Runs the wasm benchmark (see bench_wasm.rs) under Node and prints pods/s and
// memory. Times are wall clock and process CPU time (`process.cpuUsage`), so
// that numbers taken on a shared machine still mean something.
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";

const path = process.argv[2] ?? "target/wasm32-unknown-unknown/release/examples/bench_wasm.wasm";
const pods = Number(process.argv[3] ?? 150000);
const { instance } = await WebAssembly.instantiate(readFileSync(path), {});
const x = instance.exports;
const mib = () => (x.memory.buffer.byteLength / 1048576).toFixed(0);
const watch = () => {
  const w = performance.now();
  const c = process.cpuUsage();
  return () => {
    const d = process.cpuUsage(c);
    return [(performance.now() - w) / 1000, (d.user + d.system) / 1e6];
  };
};

x.basic_setup();
let stop = watch();
const bound = x.basic_run();
let [wall, cpu] = stop();
console.log(
  `wasm SchedulingBasic through Cluster: ${bound} pods bound, ${(10000 / cpu).toFixed(0)} pods/s on-CPU ` +
    `(${(10000 / cpu / 680).toFixed(0)}x upstream's 680), ${(10000 / wall).toFixed(0)} pods/s wall; wasm memory ${mib()} MiB`,
);

x.hold_setup(pods);
stop = watch();
for (let i = 0; i < 60; i++) x.hold_step();
const [w1, c1] = stop();
const running = x.hold_running();
stop = watch();
for (let i = 0; i < 60; i++) x.hold_step();
const [w2, c2] = stop();
console.log(
  `wasm hold: 5000 nodes + ${pods} pods, ${running} Running; first virtual minute ${c1.toFixed(1)} s on-CPU ` +
    `(${w1.toFixed(1)} s wall), second ${c2.toFixed(3)} s on-CPU (${w2.toFixed(3)} s wall); wasm memory ${mib()} MiB`,
);
