/**
 * GDAP or B2B for one customer, from the plugins its analysts need: which path reaches each (the
 * published matrix in shared/plugins/plugin-catalogue.ts), and the recommendation. GDAP where it is
 * enough (time-bound by default, groups instead of per-person accounts), guest accounts only for the
 * plugins GDAP does not reach: "GDAP, plus guest accounts for Sentinel".
 */
import { COPILOT_PLUGINS } from '../plugins/plugin-catalogue';

export interface PathAdvice {
  /** What to set up: GDAP only, GDAP plus guests, or guests only. */
  readonly recommend: 'gdap' | 'gdapPlusGuests' | 'b2b';
  /** The advice in the analyst's words. */
  readonly text: string;
  /** The chosen plugins GDAP does not reach (fully). */
  readonly needGuests: ReadonlyArray<string>;
  /** What is missing now, given the customer's current GDAP and guests. */
  readonly missing: ReadonlyArray<'gdap' | 'guests'>;
}

function list(names: ReadonlyArray<string>): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

export function pathAdvice(input: {
  readonly pluginIds: ReadonlyArray<string>;
  /** The customer has an active GDAP relationship now. */
  readonly hasGdap: boolean;
  /** Some analyst has an accepted guest account with a Security role there. */
  readonly hasGuests: boolean;
}): PathAdvice {
  const chosen = COPILOT_PLUGINS.filter((p) => input.pluginIds.includes(p.id));
  const needGuests = chosen.filter((p) => p.support !== 'yes').map((p) => p.name);
  const gdapReaches = chosen.filter((p) => p.support === 'yes').map((p) => p.name);
  if (chosen.length === 0)
    return {
      recommend: 'gdap',
      text: 'Pick the plugins this customer’s analysts need.',
      needGuests: [],
      missing: [],
    };
  if (needGuests.length === 0) {
    return {
      recommend: 'gdap',
      text: `GDAP reaches ${list(gdapReaches)}: a relationship with Security Reader or Security Operator is enough.`,
      needGuests,
      missing: input.hasGdap ? [] : ['gdap'],
    };
  }
  if (gdapReaches.length === 0) {
    return {
      recommend: 'b2b',
      text: `GDAP does not reach ${list(needGuests)}: give the analysts guest accounts with Security Reader or Security Operator.`,
      needGuests,
      missing: input.hasGuests ? [] : ['guests'],
    };
  }
  return {
    recommend: 'gdapPlusGuests',
    text: `GDAP, plus guest accounts for ${list(needGuests)}: GDAP reaches ${list(gdapReaches)}, not ${list(needGuests)}.`,
    needGuests,
    missing: [
      ...(input.hasGdap ? [] : (['gdap'] as const)),
      ...(input.hasGuests ? [] : (['guests'] as const)),
    ],
  };
}
