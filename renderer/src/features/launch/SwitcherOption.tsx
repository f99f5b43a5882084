import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { History16Regular, Star16Filled } from '@fluentui/react-icons';
import { memo } from 'react';
import type { ListedCustomer as Customer } from '../../../../shared/customers/customer-directory';
import { describeReach } from '../../../../shared/customers/reach-words';
import type { SwitcherGroup } from '../../../../shared/launch/switcher-rank';

/** Each row's fixed height: the list's height and scrolling are computed from it. */
export const OPTION_HEIGHT = 44;

const useStyles = makeStyles({
  option: {
    display: 'grid',
    gridTemplateColumns: '20px minmax(0, 1fr) auto',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusMedium,
    cursor: 'pointer',
    height: `${OPTION_HEIGHT}px`,
    boxSizing: 'border-box',
    // Each row is a fixed-height box: a new name in it relays out that row only.
    contain: 'layout style paint',
  },
  active: {
    backgroundColor: tokens.colorSubtleBackgroundSelected,
    boxShadow: `inset 3px 0 0 ${tokens.colorCompoundBrandStroke}`,
  },
  mark: { display: 'flex', color: tokens.colorNeutralForeground3 },
  star: { color: tokens.colorPaletteMarigoldForeground1 },
  text: { minWidth: 0, display: 'flex', flexDirection: 'column' },
  name: {
    fontWeight: tokens.fontWeightSemibold,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
  },
  detail: {
    color: tokens.colorNeutralForeground3,
    fontSize: tokens.fontSizeBase200,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
  },
  mono: { fontFamily: tokens.fontFamilyMonospace },
  // The path the analyst arrives by, as AccessPathBadge shows it (Fluent's tint badge), drawn with
  // one element: the rows change with every keystroke, so each is kept light.
  path: {
    whiteSpace: 'nowrap',
    padding: `0 ${tokens.spacingHorizontalXS}`,
    borderRadius: tokens.borderRadiusMedium,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    fontSize: tokens.fontSizeBase200,
    fontWeight: tokens.fontWeightSemibold,
    lineHeight: '18px',
  },
  gdap: {
    backgroundColor: tokens.colorBrandBackground2,
    color: tokens.colorBrandForeground2,
    border: `1px solid ${tokens.colorBrandStroke2}`,
  },
  b2b: { backgroundColor: tokens.colorNeutralBackground4, color: tokens.colorNeutralForeground3 },
  both: {
    backgroundColor: tokens.colorNeutralForeground3,
    color: tokens.colorNeutralBackground1,
    border: `1px solid ${tokens.colorTransparentStroke}`,
  },
  none: {
    backgroundColor: tokens.colorPaletteRedBackground1,
    color: tokens.colorPaletteRedForeground1,
    border: `1px solid ${tokens.colorPaletteRedBorder1}`,
  },
  pending: {
    backgroundColor: tokens.colorPaletteYellowBackground1,
    color: tokens.colorPaletteDarkOrangeForeground1,
    border: `1px solid ${tokens.colorPaletteYellowBorder1}`,
  },
  // Set by hand, not read: no fill, a dashed edge, and the words say so.
  byHand: {
    backgroundColor: 'transparent',
    color: tokens.colorNeutralForeground3,
    border: `1px dashed ${tokens.colorNeutralStroke1}`,
  },
});

export interface SwitcherOptionProps {
  readonly id: string;
  readonly customer: Customer;
  readonly group: SwitcherGroup;
  readonly active: boolean;
  /** The query matched the start of the tenant ID: the row shows the ID, as that is why it is listed. */
  readonly byTenantId: boolean;
  /** Where it is in the whole list (only the rows in view are rendered). */
  readonly position: number;
  readonly setSize: number;
  readonly onHover: (tenantId: string) => void;
  readonly onChoose: (customer: Customer) => void;
}

/**
 * One customer in the switcher: name, domain and tags, and the path the analyst will arrive by, in
 * words ("via GDAP", "as guest", "GDAP + guest", "no access", "accept invite first"; "(set by hand)"
 * where no facts were read yet: shared/customers/reach-words.ts). The tenant ID is shown
 * on the highlighted row (the one Enter opens, so the analyst sees which tenant the portal will be
 * in), on rows found by their tenant ID and on rows with nothing else to tell them apart; the others leave it out, which keeps each keystroke's
 * relayout small. Memoised on its props, so a keystroke re-renders only the rows that change.
 */
export const SwitcherOption = memo(function SwitcherOption({
  id,
  customer: c,
  group,
  active,
  byTenantId,
  position,
  setSize,
  onHover,
  onChoose,
}: SwitcherOptionProps) {
  const styles = useStyles();
  // A customer with neither domain nor tags is told apart by its tenant ID alone.
  const detail = [c.domain, c.tags.join(', ')].filter(Boolean).join(' · ');
  const showTenantId = active || byTenantId || detail === '';
  const reach = describeReach(c);
  return (
    <div
      id={id}
      role="option"
      aria-selected={active}
      aria-posinset={position}
      aria-setsize={setSize}
      data-switcher-tenant={c.tenantId}
      className={mergeClasses(styles.option, active && styles.active)}
      onMouseMove={() => {
        if (!active) onHover(c.tenantId);
      }}
      onClick={() => onChoose(c)}
    >
      <span className={styles.mark}>
        {group === 'favourite' ? (
          <Star16Filled className={styles.star} aria-label="Favourite" />
        ) : group === 'recent' ? (
          <History16Regular aria-label="Launched recently" />
        ) : null}
      </span>
      <span className={styles.text}>
        <span className={styles.name}>{c.displayName}</span>
        <span className={styles.detail}>
          {detail}
          {showTenantId && (
            <>
              {detail === '' ? '' : ' · '}
              <span className={styles.mono} data-testid="switcher-tenant-id">
                {c.tenantId}
              </span>
            </>
          )}
        </span>
      </span>
      <span
        className={mergeClasses(styles.path, styles[reach.kind], reach.byHand && styles.byHand)}
        data-access-path={reach.kind}
        title={reach.sentence}
      >
        {reach.label}
      </span>
    </div>
  );
});
