import { LaunchModeEditor } from './LaunchModeEditor';
import {
  Button,
  Card,
  CardHeader,
  Link,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Text,
  Title2,
  tokens,
} from '@fluentui/react-components';
import { Copy20Regular, Globe20Regular, Key20Regular, PersonCircle24Regular } from '@fluentui/react-icons';
import { useEffect, useState } from 'react';
import { useAccounts } from './accounts-store';
import { useApp } from '../../app/app-store';

const useStyles = makeStyles({
  page: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
    padding: tokens.spacingHorizontalXXL,
    overflowY: 'auto',
    height: '100%',
    boxSizing: 'border-box',
    maxWidth: '900px',
  },
  title: { margin: 0 },
  actions: { display: 'flex', gap: tokens.spacingHorizontalM, flexWrap: 'wrap', alignItems: 'center' },
  list: { display: 'grid', gap: tokens.spacingVerticalM },
  code: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase600, letterSpacing: '0.1em' },
  muted: { color: tokens.colorNeutralForeground3 },
});

/** The partner accounts Switchboard signs in with: sign in, switch, sign out. */
export function AccountsView() {
  const styles = useStyles();
  const info = useApp((s) => s.info);
  const {
    status,
    error,
    signingIn,
    deviceCode,
    browserUrl,
    cancelled,
    load,
    signIn,
    cancelSignIn,
    signOut,
    setActive,
  } = useAccounts();
  const [copied, setCopied] = useState<'copied' | 'failed' | undefined>();
  useEffect(() => setCopied(undefined), [deviceCode?.userCode]);
  useEffect(() => {
    void load();
  }, [load]);

  return (
    <section className={styles.page} aria-labelledby="accounts-title">
      <Title2 as="h1" id="accounts-title" className={styles.title}>
        Accounts
      </Title2>
      <Text>
        Sign in with your partner account to read your customers and GDAP relationships
        {info ? ` (${info.profile.label})` : ''}. You can sign in with several accounts and switch between
        them.
      </Text>

      <div className={styles.actions}>
        <Button
          appearance="primary"
          icon={<Globe20Regular />}
          disabled={signingIn !== undefined}
          onClick={() => void signIn('browser')}
        >
          Sign in with the browser
        </Button>
        <Button
          icon={<Key20Regular />}
          disabled={signingIn !== undefined}
          onClick={() => void signIn('deviceCode')}
        >
          Sign in with a code
        </Button>
        {signingIn && <Spinner size="tiny" label="Waiting for sign-in to finish…" />}
        {signingIn && (
          <Button appearance="subtle" onClick={() => void cancelSignIn()}>
            Cancel sign-in
          </Button>
        )}
      </div>
      {cancelled && !signingIn && (
        <MessageBar intent="info">
          <MessageBarBody>Sign-in cancelled. Nothing was signed in.</MessageBarBody>
        </MessageBar>
      )}

      {signingIn === 'browser' && browserUrl && (
        <MessageBar intent="info">
          <MessageBarBody>
            <MessageBarTitle>Finish signing in in your browser</MessageBarTitle>
            If no tab opened,{' '}
            <Link href={browserUrl} target="_blank" rel="noopener noreferrer">
              open the sign-in page
            </Link>
            .
          </MessageBarBody>
        </MessageBar>
      )}
      {deviceCode && (
        <MessageBar intent="info" data-testid="device-code">
          <MessageBarBody>
            <MessageBarTitle>Enter this code to sign in</MessageBarTitle>
            <div className={styles.actions}>
              <Text className={styles.code} aria-label="Sign-in code">
                {deviceCode.userCode}
              </Text>
              <Button
                icon={<Copy20Regular />}
                aria-label={`Copy the code ${deviceCode.userCode}`}
                onClick={() =>
                  void navigator.clipboard.writeText(deviceCode.userCode).then(
                    () => setCopied('copied'),
                    () => setCopied('failed'),
                  )
                }
              >
                {copied === 'copied' ? 'Copied' : 'Copy'}
              </Button>
              {copied === 'failed' && (
                <Text role="alert">Copying was not allowed here: select the code and copy it yourself.</Text>
              )}
            </div>
            Open{' '}
            <Link href={deviceCode.verificationUri} target="_blank" rel="noopener noreferrer">
              {deviceCode.verificationUri}
            </Link>{' '}
            on any device and enter the code. It expires in {Math.round(deviceCode.expiresIn / 60)} minutes.
          </MessageBarBody>
        </MessageBar>
      )}
      {error && (
        <MessageBar intent="error">
          <MessageBarBody>
            <MessageBarTitle>Sign-in problem</MessageBarTitle>
            {error.message}
          </MessageBarBody>
        </MessageBar>
      )}
      {status?.tokenStorage === 'memory' && (
        <MessageBar intent="warning">
          <MessageBarBody>
            This system offers no encryption for saved sign-ins, so they are kept in memory only: you will
            sign in again after a restart.
          </MessageBarBody>
        </MessageBar>
      )}

      <div className={styles.list} aria-label="Signed-in accounts" role="list">
        {status?.accounts.length === 0 && <Text className={styles.muted}>No account is signed in yet.</Text>}
        {status?.accounts.map((a) => {
          const active = a.homeAccountId === status.activeAccountId;
          return (
            <Card key={a.homeAccountId} role="listitem" aria-label={a.username}>
              <CardHeader
                image={<PersonCircle24Regular />}
                header={
                  <Text weight="semibold">
                    {a.name} {active && <Text className={styles.muted}>(active)</Text>}
                  </Text>
                }
                description={
                  <Text className={styles.muted}>
                    {a.username} · tenant {a.tenantId}
                  </Text>
                }
                action={
                  <div className={styles.actions}>
                    {!active && (
                      <Button onClick={() => void setActive(a.homeAccountId)}>Use this account</Button>
                    )}
                    <Button appearance="subtle" onClick={() => void signOut(a.homeAccountId)}>
                      Sign out {a.username}
                    </Button>
                  </div>
                }
              />
              <LaunchModeEditor homeAccountId={a.homeAccountId} />
            </Card>
          );
        })}
      </div>
    </section>
  );
}
