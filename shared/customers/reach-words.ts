/**
 * How the analyst reaches a customer, in words: one set of words for the customers list, the
 * switcher, the customer's page and the desktop shortcut, from the facts of the listed customer
 * (`reach`, shared/customers/customer-directory.ts) or, before any were read, its hand-set label.
 */
import type { AccessPath } from './access-path';
import type { ListedCustomer } from './customer-directory';
import { describeGrant, GUEST_ROLE_LABELS } from '../guests/guests';

/** The path, and "pending": invited as a guest, not accepted yet, with no other way in. */
export type ReachKind = AccessPath | 'pending';

/** The few words a row shows: the path the analyst will arrive by. */
export const REACH_SHORT: Readonly<Record<ReachKind, string>> = {
  gdap: 'via GDAP',
  b2b: 'as guest',
  both: 'GDAP + guest',
  none: 'no access',
  pending: 'accept invite first',
};

export interface ReachWords {
  readonly kind: ReachKind;
  /** The path in a few words (REACH_SHORT), with "(set by hand)" when the label stands in for facts. */
  readonly label: string;
  /** The path rests on the hand-set label, not (only) on what Switchboard read. */
  readonly byHand: boolean;
  /** One line: through which group and role, the guest role, or what is missing. */
  readonly detail: string;
  /** The whole of it as a sentence, for a tooltip, screen readers and the customer's page. */
  readonly sentence: string;
}

type Described = Pick<ListedCustomer, 'displayName' | 'accessPath' | 'source' | 'reach'>;

const HAND_LABEL: Readonly<Record<AccessPath, string>> = {
  gdap: 'GDAP',
  b2b: 'a B2B guest account',
  both: 'GDAP and a B2B guest account',
  none: 'no access',
};

function words(kind: ReachKind, byHand: boolean, detail: string, sentence: string): ReachWords {
  return {
    kind,
    label: byHand ? `${REACH_SHORT[kind]} (set by hand)` : REACH_SHORT[kind],
    byHand,
    detail,
    sentence,
  };
}

/** How the analyst reaches `c`, in words. */
export function describeReach(c: Described): ReachWords {
  const name = c.displayName;
  const r = c.reach;
  if (r === null) {
    if (c.source === 'manual')
      return words(
        c.accessPath,
        true,
        'Not read yet: sync to check',
        `Set by hand as ${HAND_LABEL[c.accessPath]}: Switchboard has not read how you reach ${name} yet. Sync the directory (and read its guest accounts) to check.`,
      );
    return words(
      c.accessPath,
      false,
      c.accessPath === 'none' ? 'No active GDAP relationship' : 'Your groups not read: sync again',
      c.accessPath === 'none'
        ? `No active GDAP relationship gives access to ${name}.`
        : `Your partner has GDAP to ${name}; sync again to read whether one of your groups has roles there.`,
    );
  }
  const via = r.gdap.join('; ');
  const roles = r.guest?.roles ?? [];
  const guestRoles = roles.map((g) => GUEST_ROLE_LABELS[g.role]).join(', ');
  const guestGrants = roles.map((g) => describeGrant(g)).join('; ');
  const unread = r.guestsReadAt === null;
  const guestNote =
    r.guest?.state === 'pendingAcceptance'
      ? ' Your guest invitation there is not accepted yet.'
      : r.guest && roles.length === 0
        ? ' Your guest account there has no role.'
        : unread && !r.byHand
          ? ' Its guest accounts were not read yet.'
          : '';
  switch (r.path) {
    case 'gdap':
      return words('gdap', false, via, `You reach ${name} through GDAP: ${via}.${guestNote}`);
    case 'b2b':
      return r.byHand
        ? words(
            'b2b',
            true,
            'Guest accounts not read yet',
            `Set by hand as a B2B guest account; no GDAP group of yours has roles in ${name}. Read its guest accounts to check.`,
          )
        : words('b2b', false, `Guest: ${guestRoles}`, `You reach ${name} as a B2B guest: ${guestGrants}.`);
    case 'both':
      return r.byHand
        ? words(
            'both',
            true,
            `${via}; guest not read yet`,
            `You reach ${name} through GDAP: ${via}; and, as set by hand, as a B2B guest (its guest accounts were not read yet).`,
          )
        : words(
            'both',
            false,
            `${via}; guest: ${guestRoles}`,
            `You reach ${name} through GDAP: ${via}; and as a B2B guest: ${guestGrants}.`,
          );
    case 'none':
      if (r.pending)
        return words(
          'pending',
          false,
          'Invited, not accepted yet',
          `You are invited to ${name} as a guest but have not accepted the invitation, and no GDAP group of yours has roles there: accept the invitation first.`,
        );
      return words(
        'none',
        false,
        r.guest
          ? 'Guest account without a role'
          : unread
            ? 'No GDAP group of yours'
            : 'No GDAP group, no guest account',
        `No GDAP group of yours has roles in ${name}${r.guest ? '' : unread ? '' : ', and you have no guest account there'}.${guestNote}`,
      );
  }
}

/**
 * What to do before a launch where the analyst's only way into the customer is a guest invitation
 * not accepted yet (Security Copilot would turn them away): the same words in the switcher and the
 * customers list (renderer/src/features/launch/AcceptInvitationFirst.tsx) and in the notice after a
 * desktop shortcut, a switchboard:// link or the tray opened it anyway.
 */
export function acceptInvitationFirst(
  customerName: string,
  redeemUrl: string | null,
): { readonly title: string; readonly reason: string; readonly message: string } {
  const reason =
    'You are invited there as a B2B guest but have not accepted yet, and no GDAP group of yours has roles there: Security Copilot would turn you away.';
  const next = redeemUrl
    ? `Open ${redeemUrl} in the browser you use for that account, accept, then launch again.`
    : `Open the invitation email from ${customerName} and accept it, or ask whoever invited you for a new link (Customers, ${customerName}, Guest accounts).`;
  return { title: `Accept your invitation to ${customerName} first`, reason, message: `${reason} ${next}` };
}
