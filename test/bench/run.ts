/**
 * `npm run bench [-- --out FILE] [-- --only NAME]`: runs the benchmark scenarios and prints their
 * figures; with --out, also writes them as JSON `{ "<scenario>": { "<figure>": number } }`.
 * Figures are reported against a baseline or a lower bound measured in the same run, never as fixed
 * time limits: the machines differ, the ratios carry over.
 */
import fs from 'node:fs';
import path from 'node:path';
import { directory10k } from './directory10k';
import { sync } from './sync';
import { switcher10k } from './switcher10k';
import { matrix } from './matrix';

export type Figures = Record<string, number>;
export interface Scenario {
  readonly name: string;
  readonly describe: string;
  run(): Promise<Figures>;
}

const SCENARIOS: ReadonlyArray<Scenario> = [sync, directory10k, switcher10k, matrix];

function parseArgs(argv: ReadonlyArray<string>): { out?: string; only?: string } {
  const result: { out?: string; only?: string } = {};
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === '--out' || flag === '--only') {
      const value = argv[++i];
      if (value === undefined || value.startsWith('--')) {
        console.error(
          `${flag} needs a value, e.g. ${flag === '--out' ? '--out bench.json' : '--only directory10k'}.`,
        );
        process.exit(2);
      }
      if (flag === '--out') result.out = value;
      else result.only = value;
    } else {
      console.error(`Unknown option ${flag}. Options: --out FILE, --only SCENARIO.`);
      process.exit(2);
    }
  }
  return result;
}

const args = parseArgs(process.argv.slice(2));
const chosen = SCENARIOS.filter((s) => args.only === undefined || s.name === args.only);
if (chosen.length === 0) {
  console.error(`No scenario named ${args.only}. Scenarios: ${SCENARIOS.map((s) => s.name).join(', ')}.`);
  process.exit(2);
}
const results: Record<string, Figures> = {};
for (const scenario of chosen) {
  console.log(`\n${scenario.name}: ${scenario.describe}`);
  const figures = await scenario.run();
  results[scenario.name] = figures;
  for (const [figure, value] of Object.entries(figures))
    console.log(`  ${figure}: ${Number(value.toFixed(3))}`);
}
if (args.out) {
  fs.mkdirSync(path.dirname(path.resolve(args.out)), { recursive: true });
  fs.writeFileSync(args.out, JSON.stringify(results, null, 2) + '\n');
  console.log(`\nWrote ${args.out}`);
}
