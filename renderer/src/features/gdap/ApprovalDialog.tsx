import {
  Button,
  Caption1,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  makeStyles,
  Textarea,
  tokens,
} from '@fluentui/react-components';
import { Copy20Regular } from '@fluentui/react-icons';
import { useState } from 'react';
import type { ApprovalRequest } from '../../../../shared/gdap/gdap-contract';

const useStyles = makeStyles({
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'end' },
  grow: { flexGrow: 1 },
  message: { minHeight: '220px' },
});

async function copy(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/** The approval link and the message for the customer admin, ready to copy. */
export function ApprovalDialog({
  request,
  onClose,
}: {
  readonly request: ApprovalRequest;
  readonly onClose: () => void;
}) {
  const styles = useStyles();
  const [copied, setCopied] = useState<string>('');
  const copyAndSay = async (what: string, text: string) =>
    setCopied((await copy(text)) ? `${what} copied.` : `Select the ${what.toLowerCase()} and copy it.`);
  return (
    <Dialog open onOpenChange={(_, d) => !d.open && onClose()}>
      <DialogSurface aria-label="Customer approval">
        <DialogBody>
          <DialogTitle>Send this to the customer&apos;s Global Administrator</DialogTitle>
          <DialogContent className={styles.content}>
            <Caption1>
              &quot;{request.relationship.displayName}&quot; waits for approval
              {request.relationship.customerName
                ? ` by ${request.relationship.customerName}`
                : ' (any customer may approve it: it names no customer tenant)'}
              . Switchboard follows its status and tells you when it is active.
            </Caption1>
            <div className={styles.row}>
              <Field label="Approval link" className={styles.grow}>
                <Input readOnly value={request.link} data-testid="approval-link" />
              </Field>
              <Button icon={<Copy20Regular />} onClick={() => void copyAndSay('Link', request.link)}>
                Copy link
              </Button>
            </div>
            <Field label="Message to the customer">
              <Textarea
                readOnly
                value={request.message}
                className={styles.message}
                data-testid="approval-message"
              />
            </Field>
            <Caption1 role="status">{copied}</Caption1>
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" onClick={() => void copyAndSay('Message', request.message)}>
              Copy message
            </Button>
            <Button onClick={onClose}>Close</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
