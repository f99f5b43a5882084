import { makeStyles, mergeClasses, Text, tokens } from '@fluentui/react-components';
import { memo } from 'react';
import { LAUNCH_TARGETS, type LaunchTarget } from '../../../../shared/contract/contract';
import { PORTAL_TARGETS } from '../../../../shared/launch/portal-targets';

/**
 * The portals the switcher cycles through with Tab: those a tenant alone can open (a GDAP
 * relationship's pages need the relationship, chosen on the customer's page).
 */
export const SWITCHER_TARGETS: ReadonlyArray<LaunchTarget> = LAUNCH_TARGETS.filter(
  (t) => PORTAL_TARGETS[t]?.needs !== 'relationship',
);

export function targetLabel(target: LaunchTarget): string {
  return PORTAL_TARGETS[target]?.label ?? target;
}

/** The label shortened for the portal chips ("Microsoft Entra admin center" reads "Entra admin"). */
function chipLabel(target: LaunchTarget): string {
  return targetLabel(target)
    .replace(/^Microsoft (?!365)/, '')
    .replace(/ admin center$/, ' admin');
}

const useStyles = makeStyles({
  targets: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL}`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  label: { color: tokens.colorNeutralForeground2, marginRight: tokens.spacingHorizontalXS },
  target: {
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusCircular,
    padding: `2px ${tokens.spacingHorizontalS}`,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground2,
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase200,
    cursor: 'pointer',
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
  },
  chosen: {
    backgroundColor: tokens.colorBrandBackground,
    border: `1px solid ${tokens.colorBrandBackground}`,
    color: tokens.colorNeutralForegroundOnBrand,
    fontWeight: tokens.fontWeightSemibold,
    ':hover': { backgroundColor: tokens.colorBrandBackgroundHover },
  },
});

export interface TargetChipsProps {
  readonly target: LaunchTarget;
  /** The id of the "Opens …" text, which the search box is described by. */
  readonly labelId: string;
  readonly onPick: (target: LaunchTarget) => void;
}

/**
 * Which portal Enter opens, and a chip per portal to pick another (Tab and Shift+Tab cycle them from
 * the search box). Memoised: typing does not re-render it, only a change of portal does.
 */
export const TargetChips = memo(function TargetChips({ target, labelId, onPick }: TargetChipsProps) {
  const styles = useStyles();
  return (
    <div className={styles.targets} role="radiogroup" aria-label="Portal to open">
      <Text size={200} className={styles.label} id={labelId}>
        Opens <strong>{targetLabel(target)}</strong>
        {SWITCHER_TARGETS.length > 1 ? ' · Tab for another portal:' : ''}
      </Text>
      {SWITCHER_TARGETS.length > 1 &&
        SWITCHER_TARGETS.map((t) => (
          <button
            key={t}
            type="button"
            role="radio"
            aria-checked={t === target}
            tabIndex={-1}
            data-target={t}
            className={mergeClasses(styles.target, t === target && styles.chosen)}
            // Keep the focus in the search box, so typing and arrows go on working.
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => onPick(t)}
            aria-label={targetLabel(t)}
            title={targetLabel(t)}
          >
            {chipLabel(t)}
          </button>
        ))}
    </div>
  );
});
