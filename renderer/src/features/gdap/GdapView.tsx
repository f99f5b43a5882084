import {
  Button,
  Caption1,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Tab,
  TabList,
  Text,
  tokens,
} from '@fluentui/react-components';
import { Add20Regular, ArrowDownload20Regular } from '@fluentui/react-icons';
import { useEffect, useState } from 'react';
import type { CommandError } from '../../../../shared/contract/contract';
import type { DirectoryRelationship } from '../../../../shared/directory/directory';
import { invoke } from '../../app/bridge/bridge';
import { saveExport } from '../../components/download';
import { useApp } from '../../app/app-store';
import { useCustomers } from '../customers';
import { useDirectory } from '../directory';
import type { TenantId } from '../../../../shared/platform/tenant-id';
import { BulkView } from './BulkView';
import { ExpiringView } from './ExpiringView';
import { CreateRelationshipDialog } from './CreateRelationshipDialog';
import { RelationshipCard } from './RelationshipCard';
import { TemplatesView } from './TemplatesView';

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

const TABS = ['expiring', 'bulk', 'offers', 'templates'] as const;
type GdapTab = (typeof TABS)[number];
const TAB_LABEL: Record<GdapTab, string> = {
  expiring: 'Expiring',
  bulk: 'Bulk changes',
  offers: 'Open offers',
  templates: 'Templates',
};

/** Relationships without a customer tenant: any customer's Global Administrator may approve them. */
function OpenOffers() {
  const styles = useStyles();
  const status = useDirectory((s) => s.status);
  const [offers, setOffers] = useState<DirectoryRelationship[] | undefined>();
  const [error, setError] = useState<CommandError | undefined>();
  const [creating, setCreating] = useState(false);
  useEffect(() => {
    void invoke('gdap.relationships', { tenantId: null }).then((r) =>
      r.ok ? setOffers(r.value.filter((x) => x.customerTenantId === null)) : setError(r.error),
    );
  }, [status]);
  return (
    <>
      <div className={styles.head}>
        <Caption1 className={styles.grow}>
          Microsoft allows a relationship without a customer tenant: whichever customer&apos;s Global
          Administrator approves it becomes its customer.
        </Caption1>
        <Button icon={<Add20Regular />} onClick={() => setCreating(true)}>
          New open offer
        </Button>
      </div>
      {error && (
        <MessageBar intent="error">
          <MessageBarBody>{error.message}</MessageBarBody>
        </MessageBar>
      )}
      {offers?.length === 0 && <Caption1>No open offers.</Caption1>}
      <ul className={styles.list} aria-label="Open offers">
        {offers?.map((r) => (
          <RelationshipCard key={r.id} relationship={r} assignments={[]} />
        ))}
      </ul>
      {creating && (
        <CreateRelationshipDialog
          customer={null}
          onClose={() => setCreating(false)}
          onCreated={(r) => {
            setCreating(false);
            setOffers((o) => [...(o ?? []), r]);
          }}
        />
      )}
    </>
  );
}

/** GDAP across all customers: what is about to end, bulk changes, open offers, role templates. */
export function GdapView() {
  const styles = useStyles();
  const [tab, setTab] = useState<GdapTab>('expiring');
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
      {error && (
        <MessageBar intent="error">
          <MessageBarBody>{error.message}</MessageBarBody>
        </MessageBar>
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
