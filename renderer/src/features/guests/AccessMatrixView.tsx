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
import { OnboardDialog } from './OnboardDialog';

export const MATRIX_ROW_HEIGHT = 44;
const NAME_WIDTH = 240;
const CELL_WIDTH = 180;
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
    boxSizing: 'border-box',
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
    boxSizing: 'border-box',
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

// One formatter for every cell: toLocaleDateString with options builds a new one on each call, which
// showed in the matrix bench's traces (test/bench/matrix.ts) on every row a scroll brings in.
const DATE_FORMAT = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });
const dateOf = (iso: string) => DATE_FORMAT.format(new Date(iso));

const PLUGIN_NAMES = new Map(COPILOT_PLUGINS.map((p) => [p.id, p.name]));

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
  lines.push(`Plugins: ${cell.plugins.map((p) => PLUGIN_NAMES.get(p) ?? p).join(', ') || 'none'}`);
  return lines.join('\n');
}

/** Until when, in words: a date; GDAP that extends itself; a guest role without an end. */
function untilText(cell: MatrixCell): string {
  if (cell.path === 'none') return '';
  if (cell.until) return `until ${dateOf(cell.until)}`;
  return cell.path === 'gdap' ? 'auto-extends' : 'no end date';
}

type CellClasses = Readonly<Record<'cell' | 'gdap' | 'b2b' | 'both' | 'pending' | 'dim', string>>;

function cellLabel(cell: MatrixCell): string {
  const pending = cell.guest?.state === 'pendingAcceptance' && cell.path !== 'both';
  return cell.path === 'none' && pending ? 'Invited' : PATH_SHORT[cell.path];
}

/**
 * One customer's row: plain cells with class names worked out once per view, and each cell's
 * details built only when the pointer rests on it (the tooltip), so a scroll renders little.
 */
const MatrixRow = memo(function MatrixRow({
  customer,
  tenantId,
  row,
  analysts,
  leftPad,
  names,
  top,
  width,
  rowIndex,
  classes,
  rowClass,
  nameClass,
  shown,
}: {
  readonly customer: string;
  readonly tenantId: string;
  readonly row: ReadonlyArray<MatrixCell | null>;
  readonly analysts: ReadonlyArray<number>;
  /** The width of the analysts' columns left of those rendered. */
  readonly leftPad: number;
  readonly names: ReadonlyArray<string>;
  readonly top: number;
  readonly width: number;
  readonly rowIndex: number;
  readonly classes: CellClasses;
  readonly rowClass: string;
  readonly nameClass: string;
  /** Whether a cell matches the cell filters (plugin, ending soon); null: no cell filter. */
  readonly shown: ((cell: MatrixCell | null) => boolean) | null;
}) {
  return (
    <div
      role="row"
      aria-rowindex={rowIndex}
      aria-label={customer}
      className={rowClass}
      style={{ position: 'absolute', top: 0, left: 0, width, transform: `translateY(${top}px)` }}
    >
      <div role="rowheader" className={nameClass} title={tenantId}>
        {customer}
      </div>
      <div style={{ flex: `0 0 ${leftPad}px` }} aria-hidden />
      {analysts.map((ai) => {
        const cell = row[ai] ?? null;
        const analyst = names[ai] ?? '';
        const dim = shown !== null && !shown(cell) ? ` ${classes.dim}` : '';
        if (cell === null)
          return (
            <div
              key={ai}
              role="gridcell"
              className={classes.cell + dim}
              aria-label={`${analyst}: no access`}
            />
          );
        const label = cellLabel(cell);
        const tint =
          cell.path === 'gdap'
            ? classes.gdap
            : cell.path === 'b2b'
              ? classes.b2b
              : cell.path === 'both'
                ? classes.both
                : label === 'Invited'
                  ? classes.pending
                  : '';
        const guestRole = cell.guest?.state === 'accepted' ? cell.guest.roles[0] : undefined;
        return (
          <div
            key={ai}
            role="gridcell"
            aria-label={`${analyst}: ${label}`}
            className={`${classes.cell} ${tint}${dim}`}
            onPointerEnter={(e) => {
              e.currentTarget.title = cellTitle(analyst, customer, cell);
            }}
          >
            <span>
              {label}
              {guestRole ? ` · ${GUEST_ROLE_LABELS[guestRole.role]}` : ''}
            </span>
            <span>{untilText(cell)}</span>
          </div>
        );
      })}
    </div>
  );
});

type GridClasses = Readonly<Record<'scroller' | 'row' | 'headerRow' | 'name' | 'headName' | 'cell', string>>;

/**
 * The grid itself, apart from the page: the virtualisers re-render on every scroll event (synchronously,
 * flushSync), and only this re-renders with them, not the filters and buttons above it.
 */
const MatrixGrid = memo(function MatrixGrid({
  matrix,
  visible,
  names,
  classes,
  gridClasses,
  shown,
}: {
  readonly matrix: AccessMatrix | undefined;
  readonly visible: { readonly analysts: ReadonlyArray<number>; readonly customers: ReadonlyArray<number> };
  readonly names: ReadonlyArray<string>;
  readonly classes: CellClasses;
  readonly gridClasses: GridClasses;
  readonly shown: ((cell: MatrixCell | null) => boolean) | null;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: visible.customers.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => MATRIX_ROW_HEIGHT,
    overscan: 4,
  });
  const items = virtualizer.getVirtualItems();
  const width = NAME_WIDTH + visible.analysts.length * CELL_WIDTH;
  // Columns too: only the analysts in view (and two either side) are rendered in each row.
  const columns = useVirtualizer({
    horizontal: true,
    count: visible.analysts.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => CELL_WIDTH,
    paddingStart: NAME_WIDTH,
    overscan: 2,
  });
  const columnItems = columns.getVirtualItems();
  const firstColumn = columnItems[0]?.index ?? 0;
  const lastColumn = columnItems.at(-1)?.index ?? -1;
  // By value: a new filter result with the same analysts keeps every row's props (no re-render).
  const analystKey = visible.analysts.join(',');
  const shownAnalysts = useMemo(
    () => (analystKey === '' ? [] : analystKey.split(',').map(Number)).slice(firstColumn, lastColumn + 1),
    [analystKey, firstColumn, lastColumn],
  );
  const leftPad = firstColumn * CELL_WIDTH;

  return (
    <div
      ref={scrollRef}
      className={gridClasses.scroller}
      role="grid"
      aria-label="Access matrix"
      aria-rowcount={visible.customers.length + 1}
      aria-colcount={visible.analysts.length + 1}
      data-testid="access-matrix"
    >
      <div style={{ width, position: 'relative' }}>
        <div role="row" className={gridClasses.headerRow} aria-rowindex={1}>
          <div role="columnheader" className={gridClasses.headName}>
            Customer
          </div>
          <div style={{ flex: `0 0 ${leftPad}px` }} aria-hidden />
          {shownAnalysts.map((ai) => (
            <div
              key={ai}
              role="columnheader"
              className={gridClasses.cell}
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
              return (
                <MatrixRow
                  key={c?.tenantId ?? item.index}
                  customer={c?.displayName ?? ''}
                  tenantId={c?.tenantId ?? ''}
                  row={matrix.cells[ci] ?? []}
                  analysts={shownAnalysts}
                  leftPad={leftPad}
                  names={names}
                  top={item.start}
                  width={width}
                  rowIndex={item.index + 2}
                  classes={classes}
                  rowClass={gridClasses.row}
                  nameClass={gridClasses.name}
                  shown={shown}
                />
              );
            })}
        </div>
      </div>
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
  const [onboarding, setOnboarding] = useState(false);

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

  const typed: MatrixFilter = useMemo(
    () => ({
      analystIds: analystId === '' ? undefined : [analystId],
      customer: customerText,
      pluginId: sentinel ? SENTINEL : pluginId === '' ? undefined : pluginId,
      endingWithin30Days: ending,
    }),
    [analystId, customerText, pluginId, ending, sentinel],
  );
  // The grid follows the filters in a deferred render: the letter typed or the box ticked shows at
  // once, and filtering thousands of rows and re-rendering those in view catch up without holding a
  // frame (the matrix bench's frames, test/bench/matrix.ts).
  const filter = useDeferredValue(typed);
  // 'Ends within 30 days' counts from when the matrix was built.
  const now = useMemo(() => (matrix ? new Date(matrix.builtAt) : new Date()), [matrix]);
  const visible = useMemo(
    () => (matrix ? filterMatrix(matrix, filter, now) : { analysts: [], customers: [] }),
    [matrix, filter, now],
  );
  const cellFilter = filter.pluginId !== undefined || filter.endingWithin30Days === true;
  const names = useMemo(() => matrix?.analysts.map((a) => a.displayName) ?? [], [matrix]);
  const classes: CellClasses = useMemo(
    () => ({
      cell: styles.cell,
      gdap: styles.gdap,
      b2b: styles.b2b,
      both: styles.both,
      pending: styles.pending,
      dim: styles.dim,
    }),
    [styles.cell, styles.gdap, styles.b2b, styles.both, styles.pending, styles.dim],
  );
  const shown = useMemo(
    () => (cellFilter ? (cell: MatrixCell | null) => cellMatches(cell, filter, now) : null),
    [cellFilter, filter, now],
  );
  const gridClasses: GridClasses = useMemo(
    () => ({
      scroller: styles.scroller,
      row: styles.row,
      headerRow: mergeClasses(styles.row, styles.headerRow),
      name: styles.name,
      headName: mergeClasses(styles.name, styles.headName),
      cell: styles.cell,
    }),
    [styles.scroller, styles.row, styles.headerRow, styles.name, styles.headName, styles.cell],
  );

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
        <Button
          disabled={!matrix || matrix.analysts.length === 0 || visible.customers.length === 0}
          onClick={() => setOnboarding(true)}
        >
          Onboard an analyst
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
      <MatrixGrid
        matrix={matrix}
        visible={visible}
        names={names}
        classes={classes}
        gridClasses={gridClasses}
        shown={shown}
      />
      {onboarding && matrix && (
        <OnboardDialog
          analysts={matrix.analysts}
          customers={visible.customers.flatMap((i) => {
            const c = matrix.customers[i];
            return c ? [c] : [];
          })}
          onClose={() => {
            setOnboarding(false);
            void load(false);
          }}
        />
      )}
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
