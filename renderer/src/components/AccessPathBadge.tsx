import { Badge, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { ReachKind, ReachWords } from '../../../shared/customers/reach-words';

const COLOR: Readonly<Record<ReachKind, 'brand' | 'informative' | 'important' | 'danger' | 'warning'>> = {
  gdap: 'brand',
  b2b: 'informative',
  both: 'important',
  none: 'danger',
  pending: 'warning',
};

const useStyles = makeStyles({
  badge: { whiteSpace: 'nowrap', flexShrink: 0 },
  // Set by hand, not read: drawn dashed, and the words say so too.
  byHand: { border: `1px dashed ${tokens.colorNeutralStroke1}` },
});

/**
 * How the analyst reaches a customer, in words ("via GDAP", "as guest", "accept invite first"; "(set
 * by hand)" where the hand-set label stands in for facts): the colour only repeats it.
 */
export function AccessPathBadge({ words }: { readonly words: ReachWords }) {
  const styles = useStyles();
  return (
    <Badge
      className={mergeClasses(styles.badge, words.byHand && styles.byHand)}
      appearance={words.byHand ? 'outline' : 'tint'}
      color={COLOR[words.kind]}
      shape="rounded"
      title={words.sentence}
      data-access-path={words.kind}
      data-by-hand={words.byHand ? 'true' : undefined}
    >
      {words.label}
    </Badge>
  );
}
