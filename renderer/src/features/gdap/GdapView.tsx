import { Button, Caption1, makeStyles, Tab, TabList, Text, tokens } from '@fluentui/react-components';
import { Add20Regular, ArrowDownload20Regular } from '@fluentui/react-icons';
import { useState } from 'react';
import type { CommandError } from '../../../../shared/contract/contract';
import { invoke } from '../../app/bridge/bridge';
import { useCommand } from '../../app/bridge/use-command';
import { CommandErrorBar, Loaded } from '../../components/CommandError';
import { saveExport } from '../../components/download';
import { useApp } from '../../app/app-store';
import { useCustomers } from '../customers';
import type { TenantId } from '../../../../shared/platform/tenant-id';
import { BulkView } from './BulkView';
import { ExpiringView } from './ExpiringView';
import { CreateRelationshipDialog } from './CreateRelationshipDialog';
import { RelationshipCard } from './RelationshipCard';
import { TemplatesView } from './TemplatesView';
import { useGdapWriteBlock } from './use-gdap-write';
import { AllRelationshipsView } from './AllRelationshipsView';
import { GDAP_TABS, useGdapUi, type GdapTab } from './gdap-ui-store';

const useStyles = makeStyles({
  page: {
    display: 'flex',
    flexDirection: 'column',
    height: '100%',
    minHeight: 0,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL}`,
    gap: tokens.spacingVerticalS,
    boxSizing: 'border-box',
  },
  head: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
  grow: { flexGrow: 1 },
  body: { flexGrow: 1, minHeight: 0, overflowY: 'auto' },
  list: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
});

const TABS = GDAP_TABS;
const TAB_LABEL: Record<GdapTab, string> = {
  expiring: 'Expiring',
  all: 'All relationships',
  bulk: 'Bulk changes',
  offers: 'Open offers',
  templates: 'Templates',
};

/** Relationships without a customer tenant: any customer's Global Administrator may approve them. */
function OpenOffers() {
  const styles = useStyles();
  // Read from Graph; again after every sync and every change the app makes (they change the directory).
  const relationships = useCommand(
    'gdap.relationships',
    { tenantId: null },
    { reloadOn: ['directory.changed'] },
  );
  const [creating, setCreating] = useState(false);
  const writeBlock = useGdapWriteBlock();
  return (
    <>
      <div className={styles.head}>
        <Caption1 className={styles.grow}>
          Microsoft allows a relationship without a customer tenant: whichever customer&apos;s Global
          Administrator approves it becomes its customer.
        </Caption1>
        <Button icon={<Add20Regular />} disabled={writeBlock !== null} onClick={() => setCreating(true)}>
          New open offer
        </Button>
      </div>
      <Loaded read={relationships} label="Reading relationships…" errorTitle="Could not read the open offers">
        {(all) => {
          const offers = all.filter((x) => x.customerTenantId === null);
          return (
            <>
              {offers.length === 0 && <Caption1>No open offers.</Caption1>}
              <ul className={styles.list} aria-label="Open offers">
                {offers.map((r) => (
                  <RelationshipCard key={r.id} relationship={r} assignments={[]} writeBlock={writeBlock} />
                ))}
              </ul>
            </>
          );
        }}
      </Loaded>
      {creating && (
        <CreateRelationshipDialog
          customer={null}
          onClose={() => setCreating(false)}
          onCreated={(r) => {
            setCreating(false);
            relationships.replace([...(relationships.data ?? []).filter((x) => x.id !== r.id), r]);
          }}
        />
      )}
    </>
  );
}

/** GDAP across all customers: what is about to end, bulk changes, open offers, role templates. */
export function GdapView() {
  const styles = useStyles();
  const tab = useGdapUi((s) => s.tab);
  const writeBlock = useGdapWriteBlock();
  const setTab = useGdapUi((s) => s.setTab);
  const [error, setError] = useState<CommandError | undefined>();
  const show = useApp((s) => s.show);
  const select = useCustomers((s) => s.select);
  return (
    <div className={styles.page}>
      <div className={styles.head}>
        <Text as="h1" size={500} weight="semibold" className={styles.grow}>
          GDAP relationships
        </Text>
        <Button
          icon={<ArrowDownload20Regular />}
          onClick={() =>
            void invoke('gdap.exportRelationships', {}).then((r) =>
              r.ok ? saveExport(r.value) : setError(r.error),
            )
          }
        >
          Export relationships (CSV)
        </Button>
      </div>
      {error && <CommandErrorBar error={error} title="The relationships were not exported" />}
      {writeBlock && (
        <Caption1 role="note" data-testid="gdap-write-block">
          {writeBlock}
        </Caption1>
      )}
      <TabList selectedValue={tab} onTabSelect={(_, d) => setTab(d.value as GdapTab)} aria-label="GDAP">
        {TABS.map((t) => (
          <Tab key={t} value={t}>
            {TAB_LABEL[t]}
          </Tab>
        ))}
      </TabList>
      <div className={styles.body}>
        {tab === 'expiring' ? (
          <ExpiringView
            onOpenCustomer={(tenantId) => {
              select(tenantId as TenantId);
              show('customers');
            }}
          />
        ) : tab === 'all' ? (
          <AllRelationshipsView
            onOpenCustomer={(tenantId) => {
              select(tenantId as TenantId);
              show('customers');
            }}
          />
        ) : tab === 'bulk' ? (
          <BulkView />
        ) : tab === 'offers' ? (
          <OpenOffers />
        ) : (
          <TemplatesView />
        )}
      </div>
    </div>
  );
}
