/**
 * Self and total time per function, and per package, of a .cpuprofile: node bench/cpu-profile-top.cjs FILE [N].
 */
const { readFileSync } = require('node:fs');

const profile = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const top = Number(process.argv[3] ?? 40);
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const selfTicks = new Map();
for (const id of profile.samples) selfTicks.set(id, (selfTicks.get(id) ?? 0) + 1);
const total = profile.samples.length;
const where = (n) => {
  const url = n.callFrame.url.replace(/^file:\/\//, '');
  const pkg = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  return pkg
    ? pkg[1]
    : url.includes('/dist/')
      ? 'app'
      : url
        ? url.split('/').slice(-1)[0]
        : `(${n.callFrame.functionName || 'native'})`;
};
const self = new Map();
const inclusive = new Map();
const pkgSelf = new Map();
for (const [id, ticks] of selfTicks) {
  const n = byId.get(id);
  const key = `${n.callFrame.functionName || '(anonymous)'} ${where(n)}:${n.callFrame.lineNumber + 1}`;
  self.set(key, (self.get(key) ?? 0) + ticks);
  pkgSelf.set(where(n), (pkgSelf.get(where(n)) ?? 0) + ticks);
  const seen = new Set();
  for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
    const c = byId.get(cur);
    const k = `${c.callFrame.functionName || '(anonymous)'} ${where(c)}:${c.callFrame.lineNumber + 1}`;
    if (seen.has(k)) continue;
    seen.add(k);
    inclusive.set(k, (inclusive.get(k) ?? 0) + ticks);
  }
}
const pct = (t) => `${((100 * t) / total).toFixed(1).padStart(5)} %`;
const print = (title, map) => {
  console.log(`\n${title}`);
  for (const [k, t] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${pct(t)}  ${k}`);
};
console.log(`${total} samples`);
print('self time by package', pkgSelf);
print('self time by function', self);
print('total time by function', inclusive);
