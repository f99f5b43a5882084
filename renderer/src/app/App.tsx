import {
  Badge,
  Button,
  makeStyles,
  mergeClasses,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Tab,
  TabList,
  Text,
  Toast,
  ToastBody,
  ToastFooter,
  Link,
  Toaster,
  ToastTitle,
  tokens,
  useToastController,
  useId,
} from '@fluentui/react-components';
import {
  Bot20Regular,
  Dismiss20Regular,
  DocumentBulletList20Regular,
  People20Regular,
  ShieldKeyhole20Regular,
  PersonAccounts20Regular,
  PuzzlePiece20Regular,
  Settings20Regular,
  Table20Regular,
} from '@fluentui/react-icons';
import { useEffect } from 'react';
import { SANDBOX_STAND_IN_BADGE, SANDBOX_STAND_IN_NOTICE } from '../../../shared/platform/cloud-profile';
import { describeDaysLeft } from '../../../shared/platform/time';
import { AppToasterProvider } from '../components/app-toast';
import { useApp, VIEWS, type ViewId } from './app-store';
import { subscribeToCustomerChanges, useCustomers } from '../features/customers';
import { subscribeToNotices, subscribeToSettings } from './app-store';
import { CustomersView } from '../features/customers';
import { PluginsView } from '../features/plugins';
import { SettingsView } from '../features/settings';
import { AccountsView } from '../features/accounts';
import { subscribeToAccounts } from '../features/accounts';
import { subscribeToDirectory } from '../features/directory';
import { getBridge } from './bridge/bridge';
import { AuditView } from '../features/audit';
import { GdapView, openGdapTab } from '../features/gdap';
import { AccessMatrixView } from '../features/guests';
import { AzureAccessView } from '../features/azure-access';
import { LaunchIdentityNotice, SwitcherButton, SwitcherDialog } from '../features/launch';

const useStyles = makeStyles({
  shell: {
    display: 'grid',
    gridTemplateRows: 'auto auto 1fr',
    gridTemplateColumns: '200px 1fr',
    height: '100vh',
  },
  header: {
    gridColumn: '1 / 3',
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalM,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL}`,
    backgroundColor: tokens.colorBrandBackground,
    color: tokens.colorNeutralForegroundOnBrand,
  },
  brand: { fontWeight: tokens.fontWeightSemibold, fontSize: tokens.fontSizeBase400 },
  // The notices row always spans both columns (so the nav and main keep their cells); it only takes
  // space when there is something to say.
  notices: { gridColumn: '1 / 3', display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  noticesShown: { padding: tokens.spacingHorizontalS },
  nav: {
    borderRight: `1px solid ${tokens.colorNeutralStroke2}`,
    paddingTop: tokens.spacingVerticalM,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  main: { minWidth: 0, minHeight: 0, overflow: 'hidden' },
});

const VIEW_LABEL: Readonly<Record<ViewId, string>> = {
  customers: 'Customers',
  gdap: 'GDAP',
  access: 'Access matrix',
  copilotAzure: 'Copilot in Azure',
  audit: 'Audit',
  accounts: 'Accounts',
  plugins: 'Plugins',
  settings: 'Settings',
};
const VIEW_ICON = {
  customers: <People20Regular />,
  gdap: <ShieldKeyhole20Regular />,
  access: <Table20Regular />,
  copilotAzure: <Bot20Regular />,
  audit: <DocumentBulletList20Regular />,
  accounts: <PersonAccounts20Regular />,
  plugins: <PuzzlePiece20Regular />,
  settings: <Settings20Regular />,
} as const;

/** Every customer and when each relationship ends; the count in the title is always the count named. */
function describeExpiring(
  items: ReadonlyArray<{ readonly customerName: string; readonly daysLeft: number }>,
): string {
  return `${items.map((i) => `${i.customerName}: ends ${describeDaysLeft(i.daysLeft)}`).join('; ')}.`;
}

export function App() {
  const styles = useStyles();
  const toasterId = useId('toaster');
  const { info, infoError, view, notices, loadInfo, show, dismiss } = useApp();
  const loadCustomers = useCustomers((s) => s.load);
  const { dispatchToast } = useToastController(toasterId);

  // GDAP news while the analyst works elsewhere: a followed relationship changed status, or access
  // is about to end (Electron also shows a desktop notification for both).
  useEffect(() => {
    const bridge = getBridge();
    const offs = [
      bridge.on('gdap.statusChanged', (change) =>
        dispatchToast(
          <Toast>
            <ToastTitle>GDAP: {change.displayName}</ToastTitle>
            <ToastBody>{change.message}</ToastBody>
          </Toast>,
          {
            intent: change.to === 'terminated' || change.to === 'expired' ? 'warning' : 'success',
            timeout: 8000,
          },
        ),
      ),
      bridge.on('gdap.expiryAlert', ({ items }) =>
        dispatchToast(
          <Toast>
            <ToastTitle>
              {items.length === 1
                ? 'GDAP access is about to end'
                : `${items.length} GDAP relationships are about to end`}
            </ToastTitle>
            <ToastBody>{describeExpiring(items)}</ToastBody>
            <ToastFooter>
              <Link
                onClick={() => {
                  openGdapTab('expiring');
                  show('gdap');
                }}
              >
                Open GDAP, Expiring
              </Link>
            </ToastFooter>
          </Toast>,
          { intent: 'warning', timeout: 15000 },
        ),
      ),
    ];
    return () => offs.forEach((off) => off());
  }, [dispatchToast, show]);

  useEffect(() => {
    const offCustomers = subscribeToCustomerChanges();
    const offNotices = subscribeToNotices();
    const offSettings = subscribeToSettings();
    const offAccounts = subscribeToAccounts();
    const offDirectory = subscribeToDirectory();
    void loadInfo();
    void loadCustomers();
    return () => {
      offCustomers();
      offNotices();
      offSettings();
      offAccounts();
      offDirectory();
    };
  }, [loadInfo, loadCustomers]);

  return (
    <AppToasterProvider value={toasterId}>
      <div className={styles.shell}>
        <header className={styles.header}>
          <Text className={styles.brand}>MSSP Switchboard</Text>
          {info && info.profile.id === 'sandbox' && (
            <Badge
              appearance="filled"
              color="warning"
              title={`${SANDBOX_STAND_IN_NOTICE} Data folder: ${info.dataDir}`}
            >
              {SANDBOX_STAND_IN_BADGE}
            </Badge>
          )}
          {info && info.profile.id !== 'sandbox' && (
            <Badge
              appearance="outline"
              color="subtle"
              style={{ color: 'inherit' }}
              title={`Data folder: ${info.dataDir}`}
            >
              {info.profile.label}
            </Badge>
          )}
          <SwitcherButton />
        </header>
        <div
          className={mergeClasses(
            styles.notices,
            (notices.length > 0 || infoError !== undefined) && styles.noticesShown,
          )}
          role="region"
          aria-label="Notices"
        >
          {infoError && (
            <MessageBar intent="error">
              <MessageBarBody>{infoError.message}</MessageBarBody>
            </MessageBar>
          )}
          <LaunchIdentityNotice />
          {notices.map((n) => (
            <MessageBar key={n.id} intent={n.level} data-notice={n.id}>
              <MessageBarBody>
                <MessageBarTitle>{n.title}</MessageBarTitle>
                {n.message}
              </MessageBarBody>
              <MessageBarActions
                containerAction={
                  <Button
                    appearance="transparent"
                    aria-label="Dismiss"
                    icon={<Dismiss20Regular />}
                    onClick={() => void dismiss(n.id)}
                  />
                }
              />
            </MessageBar>
          ))}
        </div>
        <nav className={styles.nav} aria-label="Main navigation">
          <TabList vertical selectedValue={view} onTabSelect={(_, d) => show(d.value as ViewId)} size="large">
            {VIEWS.map((v) => (
              <Tab key={v} value={v} icon={VIEW_ICON[v]}>
                {VIEW_LABEL[v]}
              </Tab>
            ))}
          </TabList>
        </nav>
        <main className={styles.main}>
          {view === 'customers' ? (
            <CustomersView toasterId={toasterId} />
          ) : view === 'gdap' ? (
            <GdapView />
          ) : view === 'access' ? (
            <AccessMatrixView />
          ) : view === 'copilotAzure' ? (
            <AzureAccessView />
          ) : view === 'audit' ? (
            <AuditView />
          ) : view === 'accounts' ? (
            <AccountsView />
          ) : view === 'plugins' ? (
            <PluginsView />
          ) : (
            <SettingsView />
          )}
        </main>
        <Toaster toasterId={toasterId} position="bottom-end" />
        <SwitcherDialog toasterId={toasterId} />
      </div>
    </AppToasterProvider>
  );
}
