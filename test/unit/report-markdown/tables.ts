/** Structure checks of rendered Markdown shared by the report tests. */

/** Splits a Markdown table row into cells on unescaped pipes. */
export function tableCells(line: string): string[] {
  return line.trim().replace(/^\|/, '').replace(/(?<!\\)\|$/, '').split(/(?<!\\)\|/);
}

/** Tables: runs of consecutive lines starting with "| ". */
export function tables(markdown: string): string[][] {
  const found: string[][] = [];
  let previousWasTable = false;
  for (const line of markdown.split('\n')) {
    const isTable = line.startsWith('| ');
    if (isTable && !previousWasTable) found.push([]);
    if (isTable) found[found.length - 1]?.push(line);
    previousWasTable = isTable;
  }
  return found;
}

/**
 * Problems with the tables of a report: a table without its delimiter row, a row whose cell
 * count differs from its header's, a row not closed by a pipe (cut mid-row).
 */
export function tableProblems(markdown: string): string[] {
  const problems: string[] = [];
  for (const table of tables(markdown)) {
    const expected = tableCells(table[0] ?? '').length;
    if (!/^\| (---:?|:?---)( \| (---:?|:?---))* \|$/.test(table[1] ?? '')) problems.push(`no delimiter row under: ${table[0] ?? ''}`);
    for (const line of table) {
      if (!/(?<!\\)\|$/.test(line)) problems.push(`row not closed: ${line}`);
      if (tableCells(line).length !== expected) problems.push(`${tableCells(line).length} cells instead of ${expected}: ${line}`);
    }
  }
  return problems;
}

/** `<details>` opened minus closed, and whether a close ever came before its open. */
export function detailsBalance(markdown: string): { readonly open: number; readonly underflow: boolean } {
  let depth = 0;
  let underflow = false;
  for (const match of markdown.matchAll(/<\/?details>/g)) {
    depth += match[0] === '<details>' ? 1 : -1;
    if (depth < 0) underflow = true;
  }
  return { open: depth, underflow };
}
