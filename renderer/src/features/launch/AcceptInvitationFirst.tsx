import {
  Button,
  Input,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  tokens,
} from '@fluentui/react-components';
import { useState, type ReactNode } from 'react';
import type { ListedCustomer as Customer } from '../../../../shared/customers/customer-directory';
import { acceptInvitationFirst } from '../../../../shared/customers/reach-words';

const useStyles = makeStyles({
  body: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  linkRow: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  link: { flexGrow: 1, fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
});

async function copy(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * Said before a launch where the analyst's only way into the customer is a guest invitation not
 * accepted yet (Security Copilot would turn them away): accept it first, with the link to accept when
 * Switchboard sent the invitation, or where to find it. `actions` adds buttons (the switcher's "Open
 * anyway").
 */
export function AcceptInvitationFirst({
  customer,
  className,
  actions,
}: {
  readonly customer: Customer;
  readonly className?: string;
  readonly actions?: ReactNode;
}) {
  const styles = useStyles();
  const [copied, setCopied] = useState(false);
  const link = customer.reach?.guest?.redeemUrl ?? null;
  const words = acceptInvitationFirst(customer.displayName, link);
  return (
    <MessageBar intent="warning" layout="multiline" className={className} data-testid="accept-first">
      <MessageBarBody className={styles.body}>
        <MessageBarTitle>{words.title}</MessageBarTitle>
        <span>
          {link
            ? `${words.reason} Open this link in the browser you use for that account, accept, then launch again.`
            : words.message}
        </span>
        {link && (
          <div className={styles.linkRow}>
            <Input className={styles.link} readOnly value={link} aria-label="Link to accept the invitation" />
            <Button size="small" onClick={() => void copy(link).then(setCopied)}>
              {copied ? 'Copied' : 'Copy link'}
            </Button>
          </div>
        )}
      </MessageBarBody>
      {actions && <MessageBarActions>{actions}</MessageBarActions>}
    </MessageBar>
  );
}
