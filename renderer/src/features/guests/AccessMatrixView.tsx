import {
  Button,
  Caption1,
  Checkbox,
  Field,
  Input,
  makeStyles,
  mergeClasses,
  MessageBar,
  MessageBarBody,
  ProgressBar,
  Select,
  Title3,
  tokens,
} from '@fluentui/react-components';
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import type { CommandError } from '../../../../shared/contract/contract';
import {
  cellMatches,
  filterMatrix,
  type AccessMatrix,
  type MatrixCell,
  type MatrixFilter,
} from '../../../../shared/guests/access-matrix';
import { describeGrant, GUEST_ROLE_LABELS } from '../../../../shared/guests/guests';
import { COPILOT_PLUGINS } from '../../../../shared/plugins/plugin-catalogue';
import { getBridge, invoke } from '../../app/bridge/bridge';
import { saveExport } from '../../components/download';
import { OffboardDialog } from './OffboardDialog';

export const MATRIX_ROW_HEIGHT = 44;
const NAME_WIDTH = 240;
const CELL_WIDTH = 150;
const SENTINEL = 'sentinel';

const useStyles = makeStyles({
  page: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalXL}`,
    height: '100%',
    boxSizing: 'border-box',
  },
  head: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM },
  spacer: { flexGrow: 1 },
  title: { margin: 0 },
  filters: { display: 'flex', alignItems: 'flex-end', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
  muted: { color: tokens.colorNeutralForeground3 },
  scroller: {
    flexGrow: 1,
    minHeight: 0,
    overflow: 'auto',
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    contain: 'strict',
  },
  row: {
    display: 'flex',
    height: `${MATRIX_ROW_HEIGHT}px`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke3}`,
  },
  headerRow: {
    position: 'sticky',
    top: 0,
    zIndex: 2,
    backgroundColor: tokens.colorNeutralBackground3,
    fontWeight: tokens.fontWeightSemibold,
  },
  name: {
    position: 'sticky',
    left: 0,
    zIndex: 1,
    flex: `0 0 ${NAME_WIDTH}px`,
    padding: `0 ${tokens.spacingHorizontalS}`,
    display: 'flex',
    alignItems: 'center',
    backgroundColor: tokens.colorNeutralBackground1,
    borderRight: `1px solid ${tokens.colorNeutralStroke2}`,
    overflow: 'hidden',
    whiteSpace: 'nowrap',
    textOverflow: 'ellipsis',
  },
  headName: { backgroundColor: tokens.colorNeutralBackground3 },
  cell: {
    flex: `0 0 ${CELL_WIDTH}px`,
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalS}`,
    display: 'flex',
    flexDirection: 'column',
    justifyContent: 'center',
    overflow: 'hidden',
    whiteSpace: 'nowrap',
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    borderRight: `1px solid ${tokens.colorNeutralStroke3}`,
  },
  gdap: { backgroundColor: tokens.colorPaletteBlueBackground2 },
  b2b: { backgroundColor: tokens.colorPaletteGreenBackground2 },
  both: { backgroundColor: tokens.colorPaletteTealBackground2 },
  pending: { backgroundColor: tokens.colorPaletteYellowBackground2 },
  dim: { opacity: 0.35 },
});

const PATH_SHORT = { gdap: 'GDAP', b2b: 'Guest', both: 'GDAP + guest', none: 'No access' } as const;

const dateOf = (iso: string) =>
  new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });

function cellTitle(analyst: string, customer: string, cell: MatrixCell): string {
  const lines = [`${analyst} in ${customer}`];
  for (const via of cell.gdap) lines.push(`GDAP: ${via.replace(' -> ', ' → ')}`);
  if (cell.guest)
    lines.push(
      cell.guest.state === 'pendingAcceptance'
        ? 'Guest: invited, not accepted yet (redeem the invitation first)'
        : `Guest: ${cell.guest.roles.map((r) => describeGrant(r)).join('; ') || 'no Security role'}`,
    );
  lines.push(cell.until ? `Until ${dateOf(cell.until)}` : cell.path === 'none' ? 'No access' : 'No end date');
  const names = new Map(COPILOT_PLUGINS.map((p) => [p.id, p.name]));
  lines.push(`Plugins: ${cell.plugins.map((p) => names.get(p) ?? p).join(', ') || 'none'}`);
  return lines.join('\n');
}

const Cell = memo(function Cell({
  cell,
  analyst,
  customer,
  shown,
}: {
  readonly cell: MatrixCell | null;
  readonly analyst: string;
  readonly customer: string;
  readonly shown: boolean;
}) {
  const styles = useStyles();
  if (cell === null)
    return (
      <div
        role="gridcell"
        className={mergeClasses(styles.cell, !shown && styles.dim)}
        aria-label={`${analyst}: no access`}
      />
    );
  const pending = cell.guest?.state === 'pendingAcceptance' && cell.path !== 'both';
  const label = cell.path === 'none' && pending ? 'Invited' : PATH_SHORT[cell.path];
  const guestRole = cell.guest?.roles[0];
  return (
    <div
      role="gridcell"
      title={cellTitle(analyst, customer, cell)}
      aria-label={`${analyst}: ${label}`}
      className={mergeClasses(
        styles.cell,
        cell.path === 'gdap' && styles.gdap,
        cell.path === 'b2b' && styles.b2b,
        cell.path === 'both' && styles.both,
        cell.path === 'none' && pending && styles.pending,
        !shown && styles.dim,
      )}
    >
      <span>
        {label}
        {guestRole && cell.guest?.state === 'accepted' ? ` · ${GUEST_ROLE_LABELS[guestRole.role]}` : ''}
      </span>
      <span>{cell.until ? `until ${dateOf(cell.until)}` : cell.path === 'none' ? '' : 'no end'}</span>
    </div>
  );
});

/**
 * The access matrix: one row per customer, one column per analyst, one cell each saying how that
 * analyst reaches that customer (GDAP group → role, guest role, both, none), until when, and (on
 * hover) which Copilot plugins it reaches. Filters by analyst, customer, plugin, "ends within 30
 * days" and "reaches Sentinel"; exports what is shown as CSV. Rows are virtualised (TanStack
 * Virtual), so thousands of customers scroll smoothly.
 */
export function AccessMatrixView() {
  const styles = useStyles();
  const [matrix, setMatrix] = useState<AccessMatrix | undefined>();
  const [error, setError] = useState<CommandError | undefined>();
  const [progress, setProgress] = useState<{ done: number; total: number } | undefined>();
  const [busy, setBusy] = useState(false);
  const [analystId, setAnalystId] = useState('');
  const [customerText, setCustomerText] = useState('');
  const [pluginId, setPluginId] = useState('');
  const [ending, setEnding] = useState(false);
  const [sentinel, setSentinel] = useState(false);
  const [offboarding, setOffboarding] = useState(false);
  const scrollRef = useRef<HTMLDivElement>(null);

  const load = useCallback(async (refresh: boolean) => {
    setBusy(true);
    const r = await invoke('guests.matrix', { refresh });
    setBusy(false);
    setProgress(undefined);
    if (r.ok) {
      setMatrix(r.value);
      setError(undefined);
    } else setError(r.error);
  }, []);
  useEffect(() => {
    void load(false);
    return getBridge().on('guests.progress', setProgress);
  }, [load]);

  const customer = useDeferredValue(customerText);
  const filter: MatrixFilter = useMemo(
    () => ({
      analystIds: analystId === '' ? undefined : [analystId],
      customer,
      pluginId: sentinel ? SENTINEL : pluginId === '' ? undefined : pluginId,
      endingWithin30Days: ending,
    }),
    [analystId, customer, pluginId, ending, sentinel],
  );
  // 'Ends within 30 days' counts from when the matrix was built.
  const now = useMemo(() => (matrix ? new Date(matrix.builtAt) : new Date()), [matrix]);
  const visible = useMemo(
    () => (matrix ? filterMatrix(matrix, filter, now) : { analysts: [], customers: [] }),
    [matrix, filter, now],
  );
  const cellFilter = filter.pluginId !== undefined || filter.endingWithin30Days === true;

  const virtualizer = useVirtualizer({
    count: visible.customers.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => MATRIX_ROW_HEIGHT,
    overscan: 4,
  });
  const items = virtualizer.getVirtualItems();
  const width = NAME_WIDTH + visible.analysts.length * CELL_WIDTH;

  async function exportCsv() {
    if (!matrix) return;
    const r = await invoke('guests.exportMatrix', {
      analystIds: visible.analysts.map((i) => matrix.analysts[i]?.id ?? ''),
      tenantIds: visible.customers.map((i) => matrix.customers[i]?.tenantId ?? ''),
    });
    if (r.ok) saveExport(r.value);
    else setError(r.error);
  }

  return (
    <div className={styles.page}>
      <div className={styles.head}>
        <Title3 as="h1" className={styles.title}>
          Access matrix
        </Title3>
        <span className={styles.spacer} />
        <Button disabled={busy} onClick={() => void load(true)}>
          Read guests from every customer
        </Button>
        <Button disabled={!matrix} onClick={() => void exportCsv()}>
          Export as CSV
        </Button>
        <Button disabled={!matrix || matrix.analysts.length === 0} onClick={() => setOffboarding(true)}>
          Offboard an analyst
        </Button>
      </div>
      <Caption1 className={styles.muted}>
        How each analyst reaches each customer: through GDAP (a partner group mapped to a role), as a B2B
        guest with a Security role, both, or not at all. GDAP comes from the last directory sync
        {matrix?.syncedAt ? ` (${dateOf(matrix.syncedAt)})` : ''}; guests from the last time each customer was
        read. Hover a cell for the details and the plugins it reaches.
      </Caption1>
      {progress && (
        <Field label={`Reading guests: ${progress.done} of ${progress.total} customers`}>
          <ProgressBar value={progress.total === 0 ? 0 : progress.done / progress.total} />
        </Field>
      )}
      {error && (
        <MessageBar intent="error">
          <MessageBarBody>{error.message}</MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.filters} role="group" aria-label="Filters">
        <Field label="Analyst">
          <Select value={analystId} onChange={(_, d) => setAnalystId(d.value)}>
            <option value="">All analysts</option>
            {matrix?.analysts.map((a) => (
              <option key={a.id} value={a.id}>
                {a.displayName}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Customer">
          <Input
            value={customerText}
            placeholder="Name or tenant ID"
            onChange={(_, d) => setCustomerText(d.value)}
          />
        </Field>
        <Field label="Reaches plugin">
          <Select value={pluginId} disabled={sentinel} onChange={(_, d) => setPluginId(d.value)}>
            <option value="">Any</option>
            {COPILOT_PLUGINS.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </Select>
        </Field>
        <Checkbox
          label="Ends within 30 days"
          checked={ending}
          onChange={(_, d) => setEnding(d.checked === true)}
        />
        <Checkbox
          label="Reaches Sentinel"
          checked={sentinel}
          onChange={(_, d) => setSentinel(d.checked === true)}
        />
        <Caption1 className={styles.muted}>
          {visible.customers.length} customers × {visible.analysts.length} analysts
        </Caption1>
      </div>
      <div
        ref={scrollRef}
        className={styles.scroller}
        role="grid"
        aria-label="Access matrix"
        aria-rowcount={visible.customers.length + 1}
        aria-colcount={visible.analysts.length + 1}
        data-testid="access-matrix"
      >
        <div style={{ width, position: 'relative' }}>
          <div role="row" className={mergeClasses(styles.row, styles.headerRow)} aria-rowindex={1}>
            <div role="columnheader" className={mergeClasses(styles.name, styles.headName)}>
              Customer
            </div>
            {visible.analysts.map((ai) => (
              <div
                key={ai}
                role="columnheader"
                className={styles.cell}
                title={matrix?.analysts[ai]?.userPrincipalName}
              >
                {matrix?.analysts[ai]?.displayName}
              </div>
            ))}
          </div>
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {matrix &&
              items.map((item) => {
                const ci = visible.customers[item.index] as number;
                const c = matrix.customers[ci];
                const row = matrix.cells[ci] ?? [];
                return (
                  <div
                    key={c?.tenantId ?? item.index}
                    role="row"
                    aria-rowindex={item.index + 2}
                    aria-label={c?.displayName}
                    className={styles.row}
                    style={{
                      position: 'absolute',
                      top: 0,
                      left: 0,
                      width,
                      transform: `translateY(${item.start}px)`,
                    }}
                  >
                    <div role="rowheader" className={styles.name} title={c?.tenantId}>
                      {c?.displayName}
                    </div>
                    {visible.analysts.map((ai) => {
                      const cell = row[ai] ?? null;
                      return (
                        <Cell
                          key={ai}
                          cell={cell}
                          analyst={matrix.analysts[ai]?.displayName ?? ''}
                          customer={c?.displayName ?? ''}
                          shown={!cellFilter || cellMatches(cell, filter, now)}
                        />
                      );
                    })}
                  </div>
                );
              })}
          </div>
        </div>
      </div>
      {offboarding && matrix && (
        <OffboardDialog
          analysts={matrix.analysts}
          onClose={() => {
            setOffboarding(false);
            void load(false);
          }}
        />
      )}
      {matrix && matrix.customers.length === 0 && (
        <Caption1 className={styles.muted}>
          No customers yet: sync the directory (Customers), or read guests from every customer.
        </Caption1>
      )}
    </div>
  );
}
