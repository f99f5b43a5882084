import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
} from '@fluentui/react-components';
import { ArrowClockwise16Regular } from '@fluentui/react-icons';
import type { ReactNode } from 'react';
import type { CommandError as CommandErrorValue } from '../../../shared/contract/contract';

/**
 * A failed read, where its data would have been: what went wrong in the user's words (the message
 * main wrote), and Retry. A conflict is a warning (main has reloaded the fresh state); the rest are
 * errors.
 */
export function CommandErrorBar({
  error,
  onRetry,
  retrying = false,
  title,
}: {
  readonly error: CommandErrorValue;
  /** Without it, no Retry button (a write the user repeats by acting again). */
  readonly onRetry?: () => void;
  readonly retrying?: boolean;
  /** What could not be done, e.g. "Could not read the templates". */
  readonly title?: string;
}) {
  return (
    <MessageBar
      intent={error.code === 'conflict' ? 'warning' : 'error'}
      layout="multiline"
      data-testid="command-error"
    >
      <MessageBarBody>
        {title && <MessageBarTitle>{title}</MessageBarTitle>}
        {error.message}
      </MessageBarBody>
      {onRetry && (
        <MessageBarActions>
          <Button size="small" icon={<ArrowClockwise16Regular />} disabled={retrying} onClick={onRetry}>
            {retrying ? 'Retrying…' : 'Retry'}
          </Button>
        </MessageBarActions>
      )}
    </MessageBar>
  );
}

/** What `useCommand` returns, as far as showing it goes. */
export interface LoadedRead<O> {
  readonly data: O | undefined;
  readonly error: CommandErrorValue | undefined;
  readonly loading: boolean;
  readonly reload: () => Promise<void>;
}

/**
 * A read's data, or in its place why it could not be read (with Retry), or a spinner while it is
 * first read. A failed reload keeps the last good data below its message.
 */
export function Loaded<O>({
  read,
  label,
  errorTitle,
  children,
}: {
  readonly read: LoadedRead<O>;
  /** Said while reading, e.g. "Reading templates…". */
  readonly label: string;
  readonly errorTitle?: string;
  readonly children: (data: O) => ReactNode;
}) {
  return (
    <>
      {read.error && (
        <CommandErrorBar
          error={read.error}
          title={errorTitle}
          retrying={read.loading}
          onRetry={() => void read.reload()}
        />
      )}
      {read.data !== undefined
        ? children(read.data)
        : !read.error && read.loading && <Spinner size="small" label={label} />}
    </>
  );
}
