/** Prints the hostile-input corpus as a Markdown table of kinds and case counts: `npx tsx apps/api/test/hostile/count.ts`. */
import { countByKind } from './case-types';
import { HOSTILE_CASES } from './corpus';

const rows = countByKind(HOSTILE_CASES);
console.log('| Kind | Cases |');
console.log('| --- | ---: |');
for (const { kind, count } of rows) console.log(`| ${kind} | ${count} |`);
console.log(`| **All** | **${HOSTILE_CASES.length}** |`);
if (process.argv.includes('--list'))
  for (const entry of HOSTILE_CASES) console.log(`- ${entry.kind}: ${entry.name}`);
