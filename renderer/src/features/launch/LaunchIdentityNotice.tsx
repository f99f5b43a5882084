import {
  Button,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  tokens,
} from '@fluentui/react-components';
import { Dismiss20Regular } from '@fluentui/react-icons';
import { useState } from 'react';
import { create } from 'zustand';
import type { CommandError, LaunchIdentityWarning } from '../../../../shared/contract/contract';
import { invoke } from '../../app/bridge/bridge';

const useStyles = makeStyles({ wrap: { padding: tokens.spacingHorizontalS } });

interface LaunchWarningState {
  /** The last launch's warning; undefined when there is none to show. */
  readonly shown: LaunchIdentityWarning | undefined;
  show(warning: LaunchIdentityWarning): void;
  dismiss(): void;
}

export const useLaunchWarning = create<LaunchWarningState>((set) => ({
  shown: undefined,
  show: (warning) => set({ shown: warning }),
  dismiss: () => set({ shown: undefined }),
}));

/**
 * Says, after a launch, which partner account to use in the default browser when several are
 * signed in (core decides: LaunchResult.warning), and offers the account's own launch mode in one
 * click. Shown once in the app's notices row, whichever view launched.
 */
export function LaunchIdentityNotice() {
  const styles = useStyles();
  const { shown, dismiss } = useLaunchWarning();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<CommandError | undefined>();
  const [done, setDone] = useState<string | undefined>();
  if (!shown && !done) return null;
  if (!shown)
    return (
      <div className={styles.wrap}>
        <MessageBar intent="success" data-testid="launch-identity">
          <MessageBarBody>{done}</MessageBarBody>
          <MessageBarActions
            containerAction={
              <Button
                appearance="transparent"
                aria-label="Dismiss"
                icon={<Dismiss20Regular />}
                onClick={() => setDone(undefined)}
              />
            }
          />
        </MessageBar>
      </div>
    );
  const warning = shown;
  const username = warning.account.username;
  async function useOwnMode(): Promise<void> {
    setSaving(true);
    setError(undefined);
    const result = await invoke('launch.setMode', {
      homeAccountId: warning.account.homeAccountId,
      mode: warning.suggestedMode,
    });
    setSaving(false);
    if (!result.ok) return setError(result.error);
    dismiss();
    setDone(`From now on, launches as ${username} open in ${warning.suggestedLabel}. Change it in Accounts.`);
  }
  return (
    <div className={styles.wrap}>
      <MessageBar intent="warning" data-testid="launch-identity" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>Check the browser is signed in as {username}</MessageBarTitle>
          {warning.message}
          {error && <div role="alert">{error.message}</div>}
        </MessageBarBody>
        <MessageBarActions
          containerAction={
            <Button
              appearance="transparent"
              aria-label="Dismiss"
              icon={<Dismiss20Regular />}
              onClick={() => {
                setError(undefined);
                dismiss();
              }}
            />
          }
        >
          <Button disabled={saving} onClick={() => void useOwnMode()}>
            Open {username}’s launches in {warning.suggestedLabel}
          </Button>
        </MessageBarActions>
      </MessageBar>
    </div>
  );
}
