// Adds lock entries for rollup's platform packages that a registry mirror without them leaves out
// of package-lock.json (npm ci then refuses the lock). Run after `npm install`: node scripts/complete-lock.mjs
import fs from 'fs';
const lock = JSON.parse(fs.readFileSync('package-lock.json', 'utf8'));
const rollup = JSON.parse(fs.readFileSync('node_modules/rollup/package.json', 'utf8'));
for (const [name, version] of Object.entries(rollup.optionalDependencies)) {
  const key = 'node_modules/' + name;
  if (lock.packages[key] || !name.startsWith('@rollup/')) continue;
  const parts = name.replace('@rollup/rollup-', '').split('-');
  const os = parts[0];
  const cpu = parts[1] === 'arm' ? 'arm' : parts[1];
  const abi = parts[2] || '';
  const entry = { version, cpu: [cpu], dev: true, license: 'MIT', optional: true, os: [os] };
  if (abi.startsWith('gnu')) entry.libc = ['glibc'];
  if (abi.startsWith('musl')) entry.libc = ['musl'];
  lock.packages[key] = entry;
}
const sorted = {};
for (const k of Object.keys(lock.packages).sort()) sorted[k] = lock.packages[k];
lock.packages = sorted;
fs.writeFileSync('package-lock.json', JSON.stringify(lock, null, 2) + '\n');
