// Runs the wasm benchmark (see bench_wasm.rs) under Node and prints pods/s and memory.
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";

const path = process.argv[2] ?? "target/wasm32-unknown-unknown/release/examples/bench_wasm.wasm";
const pods = Number(process.argv[3] ?? 150000);
const { instance } = await WebAssembly.instantiate(readFileSync(path), {});
const x = instance.exports;
const mib = () => (x.memory.buffer.byteLength / 1048576).toFixed(0);

x.basic_setup();
let t = performance.now();
const bound = x.basic_run();
let s = (performance.now() - t) / 1000;
console.log(`wasm SchedulingBasic through Cluster: ${bound} pods bound, ${(10000 / s).toFixed(0)} pods/s (${(10000 / s / 680).toFixed(0)}x upstream's 680); wasm memory ${mib()} MiB`);

x.hold_setup(pods);
t = performance.now();
let running = 0;
let first = 0;
for (let i = 0; i < 60; i++) x.hold_step();
first = (performance.now() - t) / 1000;
running = x.hold_running();
t = performance.now();
for (let i = 0; i < 60; i++) x.hold_step();
const second = (performance.now() - t) / 1000;
console.log(`wasm hold: 5000 nodes + ${pods} pods, ${running} Running; first virtual minute ${first.toFixed(1)} s wall, second ${second.toFixed(1)} s; wasm memory ${mib()} MiB`);
