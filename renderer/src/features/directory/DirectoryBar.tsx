import { Button, makeStyles, ProgressBar, Text, tokens } from '@fluentui/react-components';
import { ArrowSync20Regular, Dismiss20Regular } from '@fluentui/react-icons';
import { useEffect, useState } from 'react';
import { describeAge } from '../../../../shared/directory/directory';
import { useDirectory } from './directory-store';

const useStyles = makeStyles({
  bar: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'center', flexWrap: 'wrap' },
  progress: { minWidth: '200px', flexGrow: 1, maxWidth: '360px' },
  muted: { color: tokens.colorNeutralForeground3 },
  error: { color: tokens.colorPaletteRedForeground1 },
});

/** Where the directory comes from and how old it is; sync with progress and cancel. */
export function DirectoryBar() {
  const styles = useStyles();
  const { status, progress, error, load, sync, cancel } = useDirectory();
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    void load();
    const timer = setInterval(() => setNow(new Date()), 60_000);
    return () => clearInterval(timer);
  }, [load]);

  return (
    <div className={styles.bar} role="region" aria-label="Directory sync">
      <Text className={styles.muted} data-testid="directory-age">
        {status?.syncedAt
          ? `GDAP directory ${describeAge(status.syncedAt, now)} · ${status.customers} customers${status.account ? ` · read as ${status.account}` : ''}`
          : 'GDAP directory not synced yet: sign in under Accounts, then sync.'}
        {status && status.problems > 0 ? ` · ${status.problems} could not be read fully` : ''}
      </Text>
      {status?.running ? (
        <>
          <ProgressBar
            className={styles.progress}
            value={progress && progress.total > 0 ? progress.done / progress.total : undefined}
            aria-label="Sync progress"
          />
          <Text>{progress ? `${progress.done} of ${progress.total}` : 'Reading relationships…'}</Text>
          <Button icon={<Dismiss20Regular />} onClick={() => void cancel()}>
            Cancel
          </Button>
        </>
      ) : (
        <Button icon={<ArrowSync20Regular />} onClick={() => void sync()}>
          Sync now
        </Button>
      )}
      {(error ?? status?.lastError) && !status?.running && (
        <Text role="alert" className={styles.error}>
          {error?.message ?? status?.lastError}
        </Text>
      )}
    </div>
  );
}
