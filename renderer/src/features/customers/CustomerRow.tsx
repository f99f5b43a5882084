import {
  Button,
  Caption1,
  makeStyles,
  mergeClasses,
  Menu,
  MenuItem,
  MenuList,
  MenuPopover,
  MenuTrigger,
  TableCell,
  TableRow,
  Text,
  tokens,
} from '@fluentui/react-components';
import {
  Delete20Regular,
  Edit20Regular,
  MoreHorizontal20Regular,
  Rocket20Regular,
  Star20Filled,
  Star20Regular,
} from '@fluentui/react-icons';
import { memo } from 'react';
import type { ListedCustomer as Customer } from '../../../../shared/customers/customer-directory';
import type { TenantId } from '../../../../shared/platform/tenant-id';
import { RELATIONSHIP_STATUS_LABEL } from '../../../../shared/gdap/gdap';
import { daysLeft, formatDate } from '../../../../shared/platform/time';
import { describeReach } from '../../../../shared/customers/reach-words';
import { AccessPathBadge } from '../../components/AccessPathBadge';

export const CUSTOMER_ROW_HEIGHT = 46;

const useStyles = makeStyles({
  row: { cursor: 'pointer', height: `${CUSTOMER_ROW_HEIGHT}px` },
  selected: { backgroundColor: tokens.colorSubtleBackgroundSelected },
  mono: {
    display: 'block',
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    whiteSpace: 'nowrap',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
  },
  launchButton: { whiteSpace: 'nowrap', minWidth: 'max-content' },
  actions: { display: 'flex', gap: tokens.spacingHorizontalXS, justifyContent: 'flex-end' },
  name: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalXS, minWidth: 0 },
  nameText: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  star: { flexShrink: 0, minWidth: 'auto' },
  starOn: { color: tokens.colorPaletteMarigoldForeground1 },
  idLine: { paddingLeft: '28px' },
  path: { display: 'flex', flexDirection: 'column', gap: '2px', alignItems: 'flex-start', minWidth: 0 },
  pathLine: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXS,
    minWidth: 0,
    maxWidth: '100%',
  },
  via: {
    color: tokens.colorNeutralForeground2,
    fontSize: tokens.fontSizeBase200,
    whiteSpace: 'nowrap',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    minWidth: 0,
  },
  note: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200, whiteSpace: 'nowrap' },
  warn: {
    color: tokens.colorPaletteDarkOrangeForeground1,
    fontSize: tokens.fontSizeBase200,
    whiteSpace: 'nowrap',
  },
});

interface CustomerRowProps {
  readonly customer: Customer;
  readonly selected: boolean;
  readonly onSelect: (tenantId: TenantId) => void;
  readonly onLaunch: (customer: Customer) => void;
  readonly onEdit: (customer: Customer) => void;
  readonly onRemove: (customer: Customer) => void;
  readonly onFavourite: (customer: Customer, favourite: boolean) => void;
}

/**
 * One customer in the list: name and tenant ID, how the analyst reaches it (the path in words, and
 * through which group and role, or which guest role) with its GDAP note, tags, launch and more actions.
 */
export const CustomerRow = memo(function CustomerRow({
  customer: c,
  selected,
  onSelect,
  onLaunch,
  onEdit,
  onRemove,
  onFavourite,
}: CustomerRowProps) {
  const styles = useStyles();
  const reach = describeReach(c);
  return (
    <TableRow
      data-tenant={c.tenantId}
      className={mergeClasses(styles.row, selected && styles.selected)}
      onClick={() => onSelect(c.tenantId)}
      aria-selected={selected}
    >
      <TableCell>
        <div className={styles.name}>
          <Button
            appearance="transparent"
            size="small"
            className={mergeClasses(styles.star, c.favourite && styles.starOn)}
            icon={c.favourite ? <Star20Filled /> : <Star20Regular />}
            aria-pressed={c.favourite}
            aria-label={`Favourite ${c.displayName}`}
            title={c.favourite ? 'Remove from favourites' : 'Add to favourites'}
            onClick={(e) => {
              e.stopPropagation();
              onFavourite(c, !c.favourite);
            }}
          />
          <Text weight="semibold" className={styles.nameText}>
            {c.displayName}
          </Text>
        </div>
        <Caption1 className={mergeClasses(styles.mono, styles.idLine)} title={c.tenantId}>
          {c.tenantId}
        </Caption1>
      </TableCell>
      <TableCell>
        <div className={styles.path}>
          <div className={styles.pathLine} title={reach.sentence}>
            <AccessPathBadge words={reach} />
            <span className={styles.via} data-testid="reach-detail">
              {reach.detail}
            </span>
          </div>
          <GdapNote customer={c} className={c.gdap?.endingSoon ? styles.warn : styles.note} />
        </div>
      </TableCell>
      <TableCell>{c.tags.join(', ')}</TableCell>
      <TableCell>
        <div className={styles.actions} onClick={(e) => e.stopPropagation()}>
          <Button
            className={styles.launchButton}
            icon={<Rocket20Regular />}
            onClick={() => onLaunch(c)}
            aria-label={`Launch Security Copilot for ${c.displayName}`}
          >
            Launch Copilot
          </Button>
          <Menu>
            <MenuTrigger disableButtonEnhancement>
              <Button
                appearance="subtle"
                icon={<MoreHorizontal20Regular />}
                aria-label={`More actions for ${c.displayName}`}
              />
            </MenuTrigger>
            <MenuPopover>
              <MenuList>
                <MenuItem icon={<Edit20Regular />} onClick={() => onEdit(c)}>
                  Edit
                </MenuItem>
                <MenuItem icon={<Delete20Regular />} onClick={() => onRemove(c)}>
                  Remove
                </MenuItem>
              </MenuList>
            </MenuPopover>
          </Menu>
        </div>
      </TableCell>
    </TableRow>
  );
});

/** One line under the access path: when GDAP access ends, whether it renews, or what went wrong. */
function GdapNote({ customer: c, className }: { readonly customer: Customer; readonly className: string }) {
  if (c.problem) {
    return (
      <span className={className} title={c.problem} data-gdap-note="problem">
        ⚠ Not fully read in the last sync
      </span>
    );
  }
  const g = c.gdap;
  if (g?.unassigned) {
    return (
      <span className={className} data-gdap-note="unassigned">
        ⚠ GDAP active, but nobody has access yet: assign a partner group on the customer page
      </span>
    );
  }
  if (!g || g.nearestEnd === null) {
    if (g && g.active === 0 && g.statuses.length > 0) {
      return (
        <span className={className} data-gdap-note="status">
          GDAP: {g.statuses.map((s) => RELATIONSHIP_STATUS_LABEL[s]).join(', ')}
        </span>
      );
    }
    return null;
  }
  const days = daysLeft(g.nearestEnd, new Date());
  const date = formatDate(g.nearestEnd);
  if (g.endingSoon) {
    return (
      <span className={className} data-gdap-note="ending-soon">
        ⚠ Access ends in {days} {days === 1 ? 'day' : 'days'} ({date})
        {g.includesGlobalAdministrator ? ', cannot auto-extend (Global Administrator)' : ''}
      </span>
    );
  }
  return (
    <span className={className} data-gdap-note="ends">
      {g.autoExtends ? `Renews ${date} (auto-extend)` : `Ends ${date}`}
    </span>
  );
}
