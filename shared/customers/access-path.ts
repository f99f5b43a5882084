/** How the MSSP reaches a customer's tenant. "none" is what a directory entry has when every path lapsed. */
export const ACCESS_PATHS = ['gdap', 'b2b', 'both', 'none'] as const;
export type AccessPath = (typeof ACCESS_PATHS)[number];

/** The paths a person may choose when adding a customer by hand. */
export const CHOOSABLE_ACCESS_PATHS = ['gdap', 'b2b', 'both'] as const;
export type ChoosableAccessPath = (typeof CHOOSABLE_ACCESS_PATHS)[number];

export const ACCESS_PATH_LABEL: Readonly<Record<AccessPath, string>> = {
  gdap: 'GDAP',
  b2b: 'B2B guest',
  both: 'GDAP and B2B guest',
  none: 'No access',
};

export const ACCESS_PATH_HELP: Readonly<Record<ChoosableAccessPath, string>> = {
  gdap: 'Granular delegated admin: roles granted to your security groups; launch with the tenant ID in the URL.',
  b2b: 'Guest accounts in the customer tenant with Security Operator or Security Reader; every plugin works.',
  both: 'Both paths: GDAP for day-to-day work, a guest account for plugins GDAP does not reach.',
};
