import { describe, expect, it } from 'vitest';
import { displayNameProblem } from '../../../shared/platform/display-name';

describe('display names', () => {
  it.each([
    ['Acme\u202E gnp.exe', 'U+202E'],
    ['Acme\u2067Corp', 'U+2067'],
    ['Acme\u200FCorp', 'U+200F'],
    ['Acme\nCorp', 'a line break'],
    ['Acme\u0000', 'U+0000'],
    ['Acme\tCorp', 'a tab'],
    ['\u200B\u200B', 'no visible characters'],
    ['   ', 'no visible characters'],
    ['\uFEFF', 'no visible characters'],
  ])('refuses %j and says why', (name, says) => {
    expect(displayNameProblem(name, "The customer's name")).toContain(says);
    expect(displayNameProblem(name, "The customer's name")).toMatch(/^The customer's name /);
  });

  it.each(['Acme Corp', 'Contoso (EU) – Security', 'می\u200Cخواهم', '👩\u200D💻 SOC', 'Ünïcödé GmbH', 'A'])(
    'accepts %j',
    (name) => {
      expect(displayNameProblem(name)).toBeNull();
    },
  );
});
