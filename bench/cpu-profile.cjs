/**
 * Preload for profiling the API under a benchmark: BENCH_NODE_ARGS="-r ./bench/cpu-profile.cjs" npm run bench:…
 * Samples the whole process from start to SIGTERM (Nest re-raises the signal after closing, so node's own
 * --cpu-prof never gets to write) and writes CPU_PROFILE_DIR (default /tmp)/api-<pid>.cpuprofile, for Chrome
 * DevTools or `node bench/cpu-profile-top.cjs <file>`.
 */
const inspector = require('node:inspector');
const { writeFileSync } = require('node:fs');
const { join } = require('node:path');

const session = new inspector.Session();
session.connect();
session.post('Profiler.enable');
session.post('Profiler.setSamplingInterval', { interval: 200 });
session.post('Profiler.start');
process.once('SIGTERM', () => {
  session.post('Profiler.stop', (err, { profile } = {}) => {
    if (err) return console.error(err);
    const file = join(process.env.CPU_PROFILE_DIR ?? '/tmp', `api-${process.pid}.cpuprofile`);
    writeFileSync(file, JSON.stringify(profile));
    console.error(`CPU profile: ${file}`);
  });
});
