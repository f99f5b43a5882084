import { Badge, makeStyles } from '@fluentui/react-components';
import type { AccessPath } from '../../../shared/customers/access-path';
import { ACCESS_PATH_LABEL } from '../../../shared/customers/access-path';

const COLOR = { gdap: 'brand', b2b: 'informative', both: 'important', none: 'danger' } as const;

const useStyles = makeStyles({ badge: { whiteSpace: 'nowrap', flexShrink: 0 } });

/** How the MSSP reaches a customer, in words (the colour only repeats it). */
export function AccessPathBadge({ path }: { readonly path: AccessPath }) {
  const styles = useStyles();
  return (
    <Badge
      className={styles.badge}
      appearance="tint"
      color={COLOR[path]}
      shape="rounded"
      data-access-path={path}
    >
      {ACCESS_PATH_LABEL[path]}
    </Badge>
  );
}
