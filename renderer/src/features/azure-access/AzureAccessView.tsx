import {
  Button,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Tab,
  TabList,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import type { NetworkCheck } from '../../../../shared/azure-access/azure-access';
import type { CommandError } from '../../../../shared/contract/contract';
import { invoke } from '../../app/bridge/bridge';
import { CommandErrorBar } from '../../components/CommandError';
import { BulkCopilotView } from './BulkCopilotView';
import { TenantPanel } from './TenantPanel';

const useStyles = makeStyles({
  root: {
    height: '100%',
    overflowY: 'auto',
    boxSizing: 'border-box',
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalXXL}`,
  },
  title: { margin: 0, fontSize: tokens.fontSizeBase500 },
  lead: { color: tokens.colorNeutralForeground3 },
  network: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    paddingTop: tokens.spacingVerticalM,
  },
});

type TabId = 'tenant' | 'bulk' | 'network';

/** Copilot in Azure access: per tenant, across customers, and whether this machine can reach it. */
export function AzureAccessView() {
  const styles = useStyles();
  const [tab, setTab] = useState<TabId>('tenant');
  return (
    <div className={styles.root}>
      <h1 className={styles.title}>Copilot in Azure</h1>
      <Text className={styles.lead}>
        Who may use Copilot in Azure in each tenant. Changing it needs a Global Administrator, who elevates
        for the change; Switchboard always removes the elevation afterwards.
      </Text>
      <TabList selectedValue={tab} onTabSelect={(_, d) => setTab(d.value as TabId)}>
        <Tab value="tenant">Per tenant</Tab>
        <Tab value="bulk">Bulk change</Tab>
        <Tab value="network">Network check</Tab>
      </TabList>
      {tab === 'tenant' ? <TenantPanel /> : tab === 'bulk' ? <BulkCopilotView /> : <NetworkCheckPanel />}
    </div>
  );
}

const INTENT = { works: 'success', reachable: 'warning', blocked: 'error', notOffered: 'info' } as const;
const TITLE = {
  works: 'Copilot in Azure can work here',
  reachable: 'Reachable, not fully tested',
  blocked: 'Copilot in Azure cannot work here',
  notOffered: 'Nothing to test',
} as const;

function NetworkCheckPanel() {
  const styles = useStyles();
  const [check, setCheck] = useState<NetworkCheck>();
  const [error, setError] = useState<CommandError>();
  const [running, setRunning] = useState(false);
  const run = async () => {
    setRunning(true);
    setError(undefined);
    const answer = await invoke('azureAccess.networkCheck', {});
    setRunning(false);
    if (answer.ok) setCheck(answer.value);
    else setError(answer.error);
  };
  return (
    <div className={styles.network}>
      <Text>
        Copilot in Azure talks to the Bot Framework Direct Line service over a websocket. Test, from this
        machine, whether that connection opens.
      </Text>
      <div>
        <Button appearance="primary" onClick={() => void run()} disabled={running}>
          Test the connection
        </Button>
        {running && <Spinner size="tiny" label="Testing…" />}
      </div>
      {error && <CommandErrorBar error={error} title="Could not test" />}
      {check && (
        <MessageBar intent={INTENT[check.outcome]} layout="multiline" data-testid="network-check">
          <MessageBarBody>
            <MessageBarTitle>{TITLE[check.outcome]}</MessageBarTitle>
            {check.message}
          </MessageBarBody>
        </MessageBar>
      )}
    </div>
  );
}
