import { Button, Caption1, makeStyles, Text, Title3, tokens } from '@fluentui/react-components';
import { Desktop20Regular, Dismiss20Regular, Rocket20Regular } from '@fluentui/react-icons';
import { useEffect, useState } from 'react';
import { invoke } from '../../app/bridge/bridge';
import { useCommand } from '../../app/bridge/use-command';
import { CommandErrorBar } from '../../components/CommandError';
import {
  Menu,
  MenuDivider,
  MenuGroup,
  MenuGroupHeader,
  MenuItem,
  MenuList,
  MenuPopover,
  MenuTrigger,
  MenuButton,
} from '@fluentui/react-components';
import { LAUNCH_TARGETS, PORTAL_TARGETS } from '../../../../shared/launch/portal-targets';
import { shortcutArrivalWords } from '../../../../shared/launch/shortcut-files';
import { LAUNCH_MODE_LABELS, type LaunchModeId } from '../../../../shared/launch/launch-mode';
import type { TenantId } from '../../../../shared/platform/tenant-id';
import { AcceptInvitationFirst, launchTarget } from '../launch';
import {
  reachedPath,
  type ListedCustomer as Customer,
} from '../../../../shared/customers/customer-directory';
import { describeReach, type ReachWords } from '../../../../shared/customers/reach-words';
import { pluginReachFor } from '../../../../shared/plugins/plugin-reach';
import { AccessPathBadge } from '../../components/AccessPathBadge';
import { ReachBadge } from '../../components/SupportBadge';
import { GdapDetails } from '../gdap';
import { AccessCheckPanel } from '../gdap';
import { GuestSection } from '../guests';

const useStyles = makeStyles({
  panel: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalL,
    borderLeft: `1px solid ${tokens.colorNeutralStroke2}`,
    overflowY: 'auto',
    backgroundColor: tokens.colorNeutralBackground2,
    '& > *': { flexShrink: 0 },
  },
  head: {
    display: 'flex',
    justifyContent: 'space-between',
    alignItems: 'flex-start',
    gap: tokens.spacingHorizontalS,
  },
  mono: { fontFamily: tokens.fontFamilyMonospace },
  notes: { whiteSpace: 'pre-wrap' },
  muted: { color: tokens.colorNeutralForeground3 },
  reachList: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
  reachItem: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    padding: tokens.spacingVerticalS,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  reachHead: {
    display: 'flex',
    justifyContent: 'space-between',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
  },
  title: { margin: 0 },
  launch: { flexShrink: 0, alignSelf: 'flex-start' },
  path: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    alignItems: 'flex-start',
  },
});

interface Props {
  readonly customer: Customer;
  readonly onClose: () => void;
  readonly onLaunch: (customer: Customer) => void;
}

/** One customer: how the analyst reaches it, and which Security Copilot plugins that reaches. */
export function CustomerDetail({ customer, onClose, onLaunch }: Props) {
  const styles = useStyles();
  const path = describeReach(customer);
  const reach = pluginReachFor(reachedPath(customer));
  return (
    <aside
      className={styles.panel}
      aria-label={`Details of ${customer.displayName}`}
      data-testid="customer-detail"
    >
      <div className={styles.head}>
        <div>
          <Title3 as="h2" className={styles.title}>
            {customer.displayName}
          </Title3>
          <Caption1 className={styles.mono} block>
            {customer.tenantId}
          </Caption1>
          {customer.domain && (
            <Caption1 className={styles.muted} block>
              {customer.domain}
            </Caption1>
          )}
        </div>
        <Button
          appearance="subtle"
          icon={<Dismiss20Regular />}
          aria-label="Close details"
          onClick={onClose}
        />
      </div>
      <div className={styles.path} data-testid="customer-reach">
        <AccessPathBadge words={path} />
        <Caption1 className={styles.muted}>{path.sentence}</Caption1>
      </div>
      {path.kind === 'pending' && <AcceptInvitationFirst customer={customer} />}
      <Button
        appearance="primary"
        className={styles.launch}
        icon={<Rocket20Regular />}
        onClick={() => onLaunch(customer)}
      >
        Launch Security Copilot
      </Button>
      <LaunchMenu tenantId={customer.tenantId} />
      <ShortcutButton tenantId={customer.tenantId} name={customer.displayName} path={path} />
      <AccessCheckPanel tenantId={customer.tenantId} />
      <GdapDetails tenantId={customer.tenantId} displayName={customer.displayName} />
      <GuestSection tenantId={customer.tenantId} customerName={customer.displayName} />
      <Text weight="semibold">Security Copilot plugins for this customer</Text>
      <ul
        className={styles.reachList}
        aria-label={`Plugins reached for ${customer.displayName}`}
        data-testid="plugin-reach"
      >
        {reach.map((r) => (
          <li key={r.plugin.id} data-plugin={r.plugin.id} className={styles.reachItem}>
            <div className={styles.reachHead}>
              <Text weight="semibold">{r.plugin.name}</Text>
              <ReachBadge reach={r.reach} />
            </div>
            <Caption1 className={styles.muted}>{r.action || `Nothing to do: reached via ${r.via}.`}</Caption1>
          </li>
        ))}
      </ul>
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

/**
 * "Create desktop shortcut": a file on the desktop that opens this customer's Security Copilot. It
 * says the path the analyst arrives by, as its description will (main/core/launch/handlers.ts).
 */
function ShortcutButton({
  tenantId,
  name,
  path,
}: {
  readonly tenantId: string;
  readonly name: string;
  readonly path: ReachWords;
}) {
  const styles = useStyles();
  const [said, setSaid] = useState<{ ok: boolean; text: string } | undefined>();
  useEffect(() => setSaid(undefined), [tenantId]);
  return (
    <div>
      <Button
        size="small"
        icon={<Desktop20Regular />}
        onClick={() =>
          void invoke('shortcuts.create', { tenantId }).then((r) =>
            setSaid(
              r.ok
                ? { ok: true, text: `Shortcut saved: ${r.value.paths.join(', ')}` }
                : { ok: false, text: r.error.message },
            ),
          )
        }
      >
        Create desktop shortcut
      </Button>
      <Caption1 block className={styles.muted} data-testid="shortcut-arrival">
        Its description: “Security Copilot for {name} ({shortcutArrivalWords(path)})”
      </Caption1>
      {said && (
        <Caption1 block role="status" data-testid="shortcut-result">
          {said.ok ? '✓ ' : ''}
          {said.text}
        </Caption1>
      )}
    </div>
  );
}

/** Every portal of this customer's tenant, and Security Copilot opened another way than usual. */
function LaunchMenu({ tenantId }: { readonly tenantId: string }) {
  // The ways this host can open a launch (the same for every customer).
  const modeRead = useCommand('launch.modes', {});
  const modes: ReadonlyArray<LaunchModeId> = modeRead.data?.available ?? [];
  const [said, setSaid] = useState<string | undefined>();
  useEffect(() => setSaid(undefined), [tenantId]);
  // The approval link belongs to one relationship: offered only for those awaiting the customer.
  const directoryRead = useCommand('directory.customer', { tenantId }, { reloadOn: ['directory.changed'] });
  const awaiting = (directoryRead.data?.relationships ?? []).filter((r) => r.status === 'approvalPending');
  const open = (target: (typeof LAUNCH_TARGETS)[number], mode?: LaunchModeId, relationshipId?: string) =>
    void launchTarget(tenantId as TenantId, target, mode, relationshipId).then((r) =>
      setSaid('error' in r ? r.error.message : `Opened ${r.url}`),
    );
  return (
    <div>
      <Menu>
        <MenuTrigger disableButtonEnhancement>
          <MenuButton size="small">Other portals and ways to open</MenuButton>
        </MenuTrigger>
        <MenuPopover>
          <MenuList>
            <MenuGroup>
              <MenuGroupHeader>Portals in this tenant</MenuGroupHeader>
              {LAUNCH_TARGETS.filter((t) => t !== 'securityCopilot' && t !== 'gdapApproval').map((t) => (
                <MenuItem key={t} onClick={() => open(t)}>
                  {PORTAL_TARGETS[t].label}
                </MenuItem>
              ))}
              {awaiting.map((r) => (
                <MenuItem key={r.id} onClick={() => open('gdapApproval', undefined, r.id)}>
                  {PORTAL_TARGETS.gdapApproval.label}: {r.displayName}
                </MenuItem>
              ))}
            </MenuGroup>
            <MenuDivider />
            <MenuGroup>
              <MenuGroupHeader>Security Copilot, this time in</MenuGroupHeader>
              {modes.map((m) => (
                <MenuItem key={m} onClick={() => open('securityCopilot', m)}>
                  {LAUNCH_MODE_LABELS[m]}
                </MenuItem>
              ))}
            </MenuGroup>
          </MenuList>
        </MenuPopover>
      </Menu>
      {said && (
        <Caption1 block role="status" data-testid="launch-menu-result">
          {said}
        </Caption1>
      )}
      {modeRead.error && (
        <CommandErrorBar
          error={modeRead.error}
          title="Could not read the ways Security Copilot can open"
          retrying={modeRead.loading}
          onRetry={() => void modeRead.reload()}
        />
      )}
    </div>
  );
}
