import {
  Button,
  Caption1,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  makeStyles,
  mergeClasses,
  SearchBox,
  Tab,
  TabList,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  Title2,
  tokens,
  Toast,
  ToastBody,
  ToastTitle,
  useToastController,
  Checkbox,
} from '@fluentui/react-components';
import { Add20Regular, History20Regular, Star20Regular } from '@fluentui/react-icons';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { invoke } from '../../app/bridge/bridge';
import { recentCustomers, searchCustomers } from '../../../../shared/customers/customer';
import type { ListedCustomer as Customer } from '../../../../shared/customers/customer-directory';
import { AcceptInvitationFirst, launchSecurityCopilot } from '../launch';
import { describeReach } from '../../../../shared/customers/reach-words';
import { useCustomers } from './customers-store';
import { CustomerDetail } from './CustomerDetail';
import { CustomerFormDialog } from './CustomerFormDialog';
import { CUSTOMER_ROW_HEIGHT, CustomerRow } from './CustomerRow';
import { DirectoryBar } from '../directory';
import { useVirtualRows } from './use-virtual-rows';

const useStyles = makeStyles({
  loadingRow: { color: tokens.colorNeutralForeground3, paddingLeft: tokens.spacingHorizontalM },
  layout: { display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) auto', height: '100%' },
  withDetail: { gridTemplateColumns: 'minmax(0, 1fr) minmax(360px, 34%)' },
  page: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: `${tokens.spacingHorizontalXXL} ${tokens.spacingHorizontalXXL} 0`,
    minWidth: 0,
    minHeight: 0,
  },
  tableScroll: { flexGrow: 1, minHeight: 0, overflowY: 'auto' },
  stickyHeader: {
    position: 'sticky',
    top: 0,
    zIndex: 1,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  toolbar: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'center' },
  search: { flexGrow: 1, maxWidth: '480px' },
  title: { margin: 0 },
  // Fixed table layout: the customer column takes what the others leave; a tenant ID that does not fit
  // is cut with an ellipsis (the whole GUID is in its tooltip and on the customer's page).
  colPath: { width: '240px' },
  colTags: { width: '10%' },
  colActions: { width: '180px' },
  empty: { padding: tokens.spacingVerticalXXL, textAlign: 'center', color: tokens.colorNeutralForeground2 },
});

type CustomerList = 'all' | 'favourites' | 'recent';

type Editing = { mode: 'add' } | { mode: 'edit'; customer: Customer } | undefined;

export function CustomersView({ toasterId }: { readonly toasterId: string }) {
  const styles = useStyles();
  const { customers, loaded, firstScreen, loadError, selected, select, add, update, remove, setFavourite } =
    useCustomers();
  // Until the whole list arrives, the first screen paints from its first rows (customers-store.ts).
  const preview = !loaded ? firstScreen : undefined;
  const [query, setQuery] = useState('');
  const [editing, setEditing] = useState<Editing>();
  const [removing, setRemoving] = useState<Customer | undefined>();
  /** A launch held back: the analyst's only way in is an invitation not accepted yet. */
  const [holding, setHolding] = useState<Customer | undefined>();
  // A removed customer's desktop shortcuts would launch nothing: offer to remove them too.
  const [shortcuts, setShortcuts] = useState<ReadonlyArray<string>>([]);
  const [shortcutError, setShortcutError] = useState<string | undefined>();
  const [removeShortcuts, setRemoveShortcuts] = useState(true);
  useEffect(() => {
    setShortcuts([]);
    setShortcutError(undefined);
    if (!removing) return;
    let live = true;
    void invoke('shortcuts.list', { tenantId: removing.tenantId }).then((r) => {
      if (!live) return;
      if (r.ok) setShortcuts(r.value.paths);
      // The browser host has no desktop shortcuts (unavailable): nothing to say there.
      else if (r.error.code !== 'unavailable') setShortcutError(r.error.message);
    });
    return () => {
      live = false;
    };
  }, [removing]);
  const { dispatchToast } = useToastController(toasterId);
  const [list, setList] = useState<CustomerList>('all');
  const favourites = useMemo(() => customers.filter((c) => c.favourite), [customers]);
  const recents = useMemo(() => recentCustomers(customers), [customers]);
  const listed = list === 'favourites' ? favourites : list === 'recent' ? recents : customers;
  const searched = useMemo(() => searchCustomers(listed, query), [listed, query]);
  const shown = preview && list === 'all' ? preview.customers : searched;
  const shownTotal = preview && list === 'all' ? preview.total : shown.length;
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtual = useVirtualRows(shown, scrollRef, shownTotal);
  const detail = customers.find((c) => c.tenantId === selected);

  const notify = (intent: 'success' | 'error', title: string, body?: string): void =>
    dispatchToast(
      <Toast>
        <ToastTitle>{title}</ToastTitle>
        {body && <ToastBody>{body}</ToastBody>}
      </Toast>,
      { intent, timeout: intent === 'error' ? 10_000 : 4_000 },
    );

  const launchCustomer = useCallback((customer: Customer) => void launch(customer), []);
  const favouriteCustomer = useCallback(
    (customer: Customer, favourite: boolean) =>
      void setFavourite(customer.tenantId, favourite).then((error) => {
        if (error) notify('error', `Could not change favourites for ${customer.displayName}`, error.message);
      }),
    [setFavourite],
  );
  const editCustomer = useCallback((customer: Customer) => setEditing({ mode: 'edit', customer }), []);

  async function launch(customer: Customer, anyway = false): Promise<void> {
    if (!anyway && describeReach(customer).kind === 'pending') return setHolding(customer);
    const result = await launchSecurityCopilot(customer.tenantId);
    if ('error' in result)
      notify('error', `Could not launch Security Copilot for ${customer.displayName}`, result.error.message);
    else notify('success', `Security Copilot opened for ${customer.displayName}`, result.url);
  }

  return (
    <div className={mergeClasses(styles.layout, detail && styles.withDetail)}>
      <section className={styles.page} aria-labelledby="customers-title">
        <Title2 as="h1" id="customers-title" className={styles.title}>
          Customers
        </Title2>
        <div className={styles.toolbar}>
          <SearchBox
            className={styles.search}
            placeholder={
              preview
                ? `Loading all ${preview.total.toLocaleString()} customers…`
                : 'Search by name, domain, tenant ID or tag'
            }
            disabled={preview !== undefined}
            aria-label="Search customers"
            value={query}
            onChange={(_, d) => setQuery(d.value)}
          />
          <Button appearance="primary" icon={<Add20Regular />} onClick={() => setEditing({ mode: 'add' })}>
            Add customer
          </Button>
        </div>
        <DirectoryBar />
        <TabList
          size="small"
          selectedValue={list}
          onTabSelect={(_, d) => setList(d.value as CustomerList)}
          aria-label="Which customers to list"
        >
          <Tab value="all">All ({preview?.total ?? customers.length})</Tab>
          <Tab value="favourites" icon={<Star20Regular />}>
            Favourites ({preview?.favourites ?? favourites.length})
          </Tab>
          <Tab value="recent" icon={<History20Regular />}>
            Recent ({preview?.recents ?? recents.length})
          </Tab>
        </TabList>
        {loadError && <Text role="alert">{loadError.message}</Text>}
        {loaded && customers.length === 0 ? (
          <div className={styles.empty}>
            <Text size={400} block>
              No customers yet.
            </Text>
            <Text block>
              Add one by hand with its tenant ID to launch its Security Copilot in the right tenant.
            </Text>
          </div>
        ) : (
          <div className={styles.tableScroll} ref={scrollRef}>
            <Table aria-label="Customers" data-testid="customer-table" aria-rowcount={shownTotal + 1}>
              <TableHeader className={styles.stickyHeader}>
                <TableRow>
                  <TableHeaderCell>Customer</TableHeaderCell>
                  <TableHeaderCell className={styles.colPath}>
                    <span title="How you (the account the directory was read as) reach each customer: your GDAP groups and roles from the last sync, your guest accounts as last read">
                      How you reach it
                    </span>
                  </TableHeaderCell>
                  <TableHeaderCell className={styles.colTags}>Tags</TableHeaderCell>
                  <TableHeaderCell className={styles.colActions}>
                    <span className="visually-hidden">Actions</span>
                  </TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {virtual.paddingTop > 0 && <tr aria-hidden style={{ height: virtual.paddingTop }} />}
                {virtual.items.map(({ index, row: c }) =>
                  c ? (
                    <CustomerRow
                      key={c.tenantId}
                      customer={c}
                      selected={c.tenantId === selected}
                      onSelect={select}
                      onLaunch={launchCustomer}
                      onEdit={editCustomer}
                      onRemove={setRemoving}
                      onFavourite={favouriteCustomer}
                    />
                  ) : (
                    // Counted in the list, not arrived yet: the whole list follows the first screen.
                    <tr key={`loading-${index}`} aria-busy style={{ height: CUSTOMER_ROW_HEIGHT }}>
                      <td colSpan={4}>
                        <Text className={styles.loadingRow}>Loading…</Text>
                      </td>
                    </tr>
                  ),
                )}
                {virtual.paddingBottom > 0 && <tr aria-hidden style={{ height: virtual.paddingBottom }} />}
                {shownTotal === 0 && (
                  <TableRow>
                    <TableCell colSpan={4}>
                      {preview
                        ? 'Loading your customers…'
                        : query !== ''
                          ? `No customer matches “${query}”.`
                          : list === 'favourites'
                            ? 'No favourites yet: select the star next to a customer to pin it here.'
                            : 'Nothing launched yet: customers you launch appear here, newest first.'}
                    </TableCell>
                  </TableRow>
                )}
              </TableBody>
            </Table>
          </div>
        )}
      </section>
      {detail && (
        <CustomerDetail
          customer={detail}
          onClose={() => select(undefined)}
          onLaunch={(c) => void launch(c)}
        />
      )}

      {editing && (
        <CustomerFormDialog
          open
          key={editing.mode === 'edit' ? editing.customer.tenantId : 'add'}
          customer={editing.mode === 'edit' ? editing.customer : undefined}
          onCancel={() => setEditing(undefined)}
          onSave={async (draft) => {
            const error =
              editing.mode === 'edit' ? await update(editing.customer.tenantId, draft) : await add(draft);
            if (!error) {
              setEditing(undefined);
              notify(
                'success',
                editing.mode === 'edit' ? `Saved ${draft.displayName}` : `Added ${draft.displayName}`,
              );
            }
            return error;
          }}
        />
      )}

      <Dialog open={removing !== undefined} onOpenChange={(_, d) => !d.open && setRemoving(undefined)}>
        <DialogSurface>
          <DialogBody>
            <DialogTitle>Remove {removing?.displayName}?</DialogTitle>
            <DialogContent>
              This removes the customer from your Switchboard list only. Nothing changes in the customer’s
              tenant, and you can add it again with tenant ID {removing?.tenantId}.
              {shortcutError && (
                <Caption1 block role="alert">
                  Could not look for its desktop shortcuts, which would then launch nothing: {shortcutError}
                </Caption1>
              )}
              {shortcuts.length > 0 && (
                <Checkbox
                  checked={removeShortcuts}
                  onChange={(_, d) => setRemoveShortcuts(Boolean(d.checked))}
                  label={`Also remove its ${shortcuts.length} desktop shortcut${shortcuts.length === 1 ? '' : 's'}`}
                />
              )}
            </DialogContent>
            <DialogActions>
              <Button onClick={() => setRemoving(undefined)}>Cancel</Button>
              <Button
                appearance="primary"
                onClick={() => {
                  const target = removing;
                  setRemoving(undefined);
                  if (!target) return;
                  if (shortcuts.length > 0 && removeShortcuts)
                    void invoke('shortcuts.remove', { tenantId: target.tenantId });
                  void remove(target.tenantId).then((error) =>
                    error
                      ? notify('error', `Could not remove ${target.displayName}`, error.message)
                      : notify('success', `Removed ${target.displayName}`),
                  );
                }}
              >
                Remove
              </Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
      {holding && (
        <Dialog open onOpenChange={(_, d) => !d.open && setHolding(undefined)}>
          <DialogSurface aria-label={`Launch Security Copilot for ${holding.displayName}`}>
            <DialogBody>
              <DialogTitle>Launch Security Copilot for {holding.displayName}?</DialogTitle>
              <DialogContent>
                <AcceptInvitationFirst customer={holding} />
              </DialogContent>
              <DialogActions>
                <Button appearance="primary" onClick={() => setHolding(undefined)}>
                  Not now
                </Button>
                <Button
                  onClick={() => {
                    const target = holding;
                    setHolding(undefined);
                    void launch(target, true);
                  }}
                >
                  Open anyway
                </Button>
              </DialogActions>
            </DialogBody>
          </DialogSurface>
        </Dialog>
      )}
    </div>
  );
}
