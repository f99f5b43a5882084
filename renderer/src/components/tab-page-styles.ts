import { makeStyles, tokens } from '@fluentui/react-components';

/**
 * The page styles the GDAP tabs (Expiring, Templates) and the audit trail share: a titled head with a
 * spacer before its buttons, a muted lead-in and tables of top-aligned cells. A view spreads its own
 * styles after these (`{ ...useTabPageStyles(), ...useStyles() }`); the audit trail, a page of its own
 * rather than a tab, brings its own page frame and head that way.
 */
export const useTabPageStyles = makeStyles({
  page: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
    // Shown as a tab of the GDAP view, which gives the page its margins and scrolling.
    paddingTop: tokens.spacingVerticalM,
    paddingBottom: tokens.spacingVerticalL,
  },
  title: { margin: 0 },
  head: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM },
  spacer: { flexGrow: 1 },
  muted: { color: tokens.colorNeutralForeground3 },
  table: { tableLayout: 'fixed' },
  cell: { verticalAlign: 'top', paddingTop: tokens.spacingVerticalS, paddingBottom: tokens.spacingVerticalS },
  empty: { padding: tokens.spacingVerticalXXL, textAlign: 'center', color: tokens.colorNeutralForeground2 },
});
