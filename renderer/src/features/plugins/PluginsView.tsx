import {
  Link,
  makeStyles,
  mergeClasses,
  SearchBox,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  Title2,
  Title3,
  tokens,
} from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import {
  ACCESS_CONSIDERATIONS,
  PLUGIN_CATALOGUE_SOURCE,
  searchPlugins,
} from '../../../../shared/plugins/plugin-catalogue';
import { SupportBadge } from '../../components/SupportBadge';

const useStyles = makeStyles({
  page: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
    padding: tokens.spacingHorizontalXXL,
    overflowY: 'auto',
    height: '100%',
    boxSizing: 'border-box',
  },
  source: { color: tokens.colorNeutralForeground3 },
  search: { maxWidth: '420px' },
  wording: { color: tokens.colorNeutralForeground2, fontStyle: 'italic' },
  name: { fontWeight: tokens.fontWeightSemibold },
  aliases: { color: tokens.colorNeutralForeground3, display: 'block' },
  narrow: { width: '130px' },
  title: { margin: 0 },
  cell: { paddingTop: tokens.spacingVerticalS, paddingBottom: tokens.spacingVerticalS, verticalAlign: 'top' },
});

/** The Security Copilot plugin reference: built from data in the bundle, it needs no network. */
export function PluginsView() {
  const styles = useStyles();
  const [query, setQuery] = useState('');
  const plugins = useMemo(() => searchPlugins(query), [query]);
  const source = PLUGIN_CATALOGUE_SOURCE;
  return (
    <section className={styles.page} aria-labelledby="plugins-title">
      <Title2 as="h1" id="plugins-title" className={styles.title}>
        Security Copilot plugins and GDAP
      </Title2>
      <Text className={styles.source}>
        Source: {source.publisher}, “{source.title}” (
        <Link href={source.url} target="_blank" rel="noreferrer">
          {source.url}
        </Link>
        ), as of {source.asOf}. Works offline.
      </Text>
      <SearchBox
        className={styles.search}
        placeholder="Search plugins, e.g. Sentinel, KQL, yes"
        aria-label="Search plugins"
        value={query}
        onChange={(_, d) => setQuery(d.value)}
      />
      <Table aria-label="Plugin support through GDAP" data-testid="plugin-table">
        <TableHeader>
          <TableRow>
            <TableHeaderCell>Plugin</TableHeaderCell>
            <TableHeaderCell className={styles.narrow}>Works through GDAP</TableHeaderCell>
            <TableHeaderCell>Microsoft’s wording</TableHeaderCell>
            <TableHeaderCell>What it means for you</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {plugins.map((p) => (
            <TableRow key={p.id} data-plugin={p.id}>
              <TableCell className={styles.cell}>
                <span className={styles.name}>{p.name}</span>
                <Text size={200} className={styles.aliases}>
                  {p.aliases.join(' · ')}
                </Text>
              </TableCell>
              <TableCell className={styles.cell}>
                <SupportBadge support={p.support} />
              </TableCell>
              <TableCell className={mergeClasses(styles.cell, styles.wording)}>
                “{p.publishedWording}”
              </TableCell>
              <TableCell className={styles.cell}>{p.gdapNote}</TableCell>
            </TableRow>
          ))}
          {plugins.length === 0 && (
            <TableRow>
              <TableCell colSpan={4}>No plugin matches “{query}”.</TableCell>
            </TableRow>
          )}
        </TableBody>
      </Table>
      <Text>B2B guests reach every plugin the customer has. You can mix both paths for one customer.</Text>

      <Title3 as="h2" className={styles.title}>
        GDAP or B2B collaboration?
      </Title3>
      <Table aria-label="GDAP compared with B2B collaboration" data-testid="comparison-table">
        <TableHeader>
          <TableRow>
            <TableHeaderCell>Consideration</TableHeaderCell>
            <TableHeaderCell>GDAP</TableHeaderCell>
            <TableHeaderCell>B2B collaboration</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {ACCESS_CONSIDERATIONS.map((c) => (
            <TableRow key={c.id}>
              <TableCell className={mergeClasses(styles.cell, styles.name)}>{c.question}</TableCell>
              <TableCell className={styles.cell}>{c.gdap}</TableCell>
              <TableCell className={styles.cell}>{c.b2b}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </section>
  );
}
