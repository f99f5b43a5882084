import { Badge, makeStyles } from '@fluentui/react-components';
import {
  CheckmarkCircle16Filled,
  DismissCircle16Filled,
  CircleHalfFill16Regular,
} from '@fluentui/react-icons';
import type { GdapSupport } from '../../../shared/plugins/plugin-catalogue';
import { SUPPORT_LABEL } from '../../../shared/plugins/plugin-catalogue';
import type { Reach } from '../../../shared/plugins/plugin-reach';

const SUPPORT_LOOK = {
  yes: { color: 'success', icon: <CheckmarkCircle16Filled /> },
  partial: { color: 'warning', icon: <CircleHalfFill16Regular /> },
  no: { color: 'danger', icon: <DismissCircle16Filled /> },
} as const;

const useStyles = makeStyles({ badge: { whiteSpace: 'nowrap', flexShrink: 0 } });

/** Yes / Partly / No with an icon and the word, never colour alone. */
export function SupportBadge({ support }: { readonly support: GdapSupport }) {
  const styles = useStyles();
  const look = SUPPORT_LOOK[support];
  return (
    <Badge
      className={styles.badge}
      appearance="tint"
      color={look.color}
      icon={look.icon}
      size="large"
      data-support={support}
    >
      {SUPPORT_LABEL[support]}
    </Badge>
  );
}

const REACH_LOOK = {
  reached: { label: 'Reached', support: 'yes' },
  partly: { label: 'Partly', support: 'partial' },
  'not-reached': { label: 'Not reached', support: 'no' },
} as const;

export function ReachBadge({ reach }: { readonly reach: Reach }) {
  const look = REACH_LOOK[reach];
  const styles = useStyles();
  const style = SUPPORT_LOOK[look.support];
  return (
    <Badge
      className={styles.badge}
      appearance="tint"
      color={style.color}
      icon={style.icon}
      size="large"
      data-reach={reach}
    >
      {look.label}
    </Badge>
  );
}
