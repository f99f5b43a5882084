import {
  Button,
  Caption1,
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  Title3,
  tokens,
} from '@fluentui/react-components';
import { Dismiss20Regular, Rocket20Regular } from '@fluentui/react-icons';
import type { Customer } from '../../../shared/customer';
import { pluginReachFor } from '../../../shared/plugin-reach';
import { AccessPathBadge } from '../components/AccessPathBadge';
import { ReachBadge } from '../components/SupportBadge';

const useStyles = makeStyles({
  panel: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalL,
    borderLeft: `1px solid ${tokens.colorNeutralStroke2}`,
    overflowY: 'auto',
    backgroundColor: tokens.colorNeutralBackground2,
  },
  head: { display: 'flex', justifyContent: 'space-between', alignItems: 'flex-start', gap: tokens.spacingHorizontalS },
  mono: { fontFamily: tokens.fontFamilyMonospace },
  notes: { whiteSpace: 'pre-wrap' },
  muted: { color: tokens.colorNeutralForeground3 },
});

interface Props {
  readonly customer: Customer;
  readonly onClose: () => void;
  readonly onLaunch: (customer: Customer) => void;
}

/** One customer: how it is reached, and which Security Copilot plugins that reaches. */
export function CustomerDetail({ customer, onClose, onLaunch }: Props) {
  const styles = useStyles();
  const reach = pluginReachFor(customer.accessPath);
  return (
    <aside className={styles.panel} aria-label={`Details of ${customer.displayName}`} data-testid="customer-detail">
      <div className={styles.head}>
        <div>
          <Title3 as="h2">{customer.displayName}</Title3>
          <Caption1 className={styles.mono} block>
            {customer.tenantId}
          </Caption1>
        </div>
        <Button appearance="subtle" icon={<Dismiss20Regular />} aria-label="Close details" onClick={onClose} />
      </div>
      <div>
        <AccessPathBadge path={customer.accessPath} />
      </div>
      <Button appearance="primary" icon={<Rocket20Regular />} onClick={() => onLaunch(customer)}>
        Launch Security Copilot
      </Button>
      <Text weight="semibold">Security Copilot plugins for this customer</Text>
      <Table size="small" aria-label={`Plugins reached for ${customer.displayName}`} data-testid="plugin-reach">
        <TableHeader>
          <TableRow>
            <TableHeaderCell>Plugin</TableHeaderCell>
            <TableHeaderCell>Reach</TableHeaderCell>
            <TableHeaderCell>What to do</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {reach.map((r) => (
            <TableRow key={r.plugin.id} data-plugin={r.plugin.id}>
              <TableCell>{r.plugin.name}</TableCell>
              <TableCell>
                <ReachBadge reach={r.reach} />
              </TableCell>
              <TableCell>{r.action || <span className={styles.muted}>Nothing: via {r.via}</span>}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {customer.tags.length > 0 && <Text>Tags: {customer.tags.join(', ')}</Text>}
      {customer.notes !== '' && (
        <div>
          <Text weight="semibold" block>
            Notes
          </Text>
          <Text className={styles.notes}>{customer.notes}</Text>
        </div>
      )}
    </aside>
  );
}
