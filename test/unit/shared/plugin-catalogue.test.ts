import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ACCESS_CONSIDERATIONS,
  COPILOT_PLUGINS,
  searchPlugins,
} from '../../../shared/plugins/plugin-catalogue';

// The catalogue must say what Microsoft published: it is compared with the source document itself.
// The source is kept in the repository (docs/sources/) so the comparison runs on a clean clone.
const seedPath = path.resolve(__dirname, '../../../docs/sources/security-copilot-partner-access.md');
const seed = fs.readFileSync(seedPath, 'utf8');
const lines = seed.split(/\r?\n/).map((l) => l.trim());

function matrixRows(): Map<string, string> {
  const start = lines.indexOf('Security Copilot plugin Supports GDAP');
  const rows = new Map<string, string>();
  for (const line of lines.slice(start + 1)) {
    if (line === '') continue;
    if (line.startsWith('For more information')) break;
    const match = /^(.*?) (Yes|No|Overall, no, but a few capabilities work\.)$/.exec(line);
    if (!match) throw new Error(`Unreadable matrix row: ${line}`);
    rows.set(match[1] ?? '', match[2] ?? '');
  }
  return rows;
}

describe('the plugin catalogue', () => {
  it('has exactly the plugins of the published matrix, with the published wording', () => {
    const published = matrixRows();
    expect(published.size).toBe(8);
    expect(new Map(COPILOT_PLUGINS.map((p) => [p.name, p.publishedWording]))).toEqual(published);
  });

  it('reads the wording faithfully: Yes is yes, No is no, Entra is partial', () => {
    for (const p of COPILOT_PLUGINS) {
      const expected = p.publishedWording === 'Yes' ? 'yes' : p.publishedWording === 'No' ? 'no' : 'partial';
      expect(p.support, p.name).toBe(expected);
    }
    expect(COPILOT_PLUGINS.find((p) => p.name === 'Entra')?.publishedWording).toBe(
      'Overall, no, but a few capabilities work.',
    );
  });

  it('has every consideration of the GDAP-vs-B2B table, verbatim', () => {
    expect(ACCESS_CONSIDERATIONS).toHaveLength(5);
    for (const c of ACCESS_CONSIDERATIONS) {
      expect(seed).toContain(`${c.question} ${c.gdap} ${c.b2b}`);
    }
  });

  it('finds plugins by name, alias or support', () => {
    expect(searchPlugins('sentinel').map((p) => p.id)).toEqual(
      expect.arrayContaining(['sentinel', 'nl2kql-sentinel']),
    );
    expect(searchPlugins('threat intelligence').map((p) => p.id)).toEqual(['mdti']);
    expect(searchPlugins('KQL defender').map((p) => p.id)).toEqual(['nl2kql-defender']);
    expect(searchPlugins('nothing like this')).toEqual([]);
    expect(searchPlugins('  ')).toHaveLength(8);
  });
});
