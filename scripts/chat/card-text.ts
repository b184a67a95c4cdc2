/**
 * An Adaptive Card as terminal text: text blocks, facts aligned, tables in
 * columns, quoted containers, colours as ANSI colours, and the card's buttons
 * and inputs collected so that the chat can number and press them.
 */

export interface CardButton {
  title: string;
  type: string;
  verb?: string;
  data?: Record<string, unknown>;
  url?: string;
  /** Action.ShowCard: the card it opens */
  card?: Record<string, unknown>;
}

export interface CardInput {
  id: string;
  type: string;
  label?: string;
  value?: unknown;
  choices?: Array<{ title: string; value: string }>;
  isRequired?: boolean;
}

export interface CardText {
  lines: string[];
  buttons: CardButton[];
  inputs: CardInput[];
}

type Node = Record<string, unknown>;

const ANSI = { bold: '\x1b[1m', dim: '\x1b[2m', red: '\x1b[31m', green: '\x1b[32m', yellow: '\x1b[33m', blue: '\x1b[34m', reset: '\x1b[0m' };
const COLOURS: Record<string, string> = { attention: ANSI.red, good: ANSI.green, warning: ANSI.yellow, accent: ANSI.blue };

/** Visible width of a string (ANSI codes do not count). */
export const width = (s: string) => [...s.replace(/\x1b\[[0-9;]*m/g, '')].length;
const pad = (s: string, w: number, right = false) => (right ? ' '.repeat(Math.max(0, w - width(s))) + s : s + ' '.repeat(Math.max(0, w - width(s))));

export function cardText(card: Node, options: { color: boolean }): CardText {
  const out: CardText = { lines: [], buttons: [], inputs: [] };
  const style = (text: string, ...codes: Array<string | false | undefined>) => {
    const on = codes.filter(Boolean).join('');
    return options.color && on ? `${on}${text}${ANSI.reset}` : text;
  };

  const textOf = (n: Node): string => {
    if (n.type === 'TextBlock') {
      const t = String(n.text ?? '');
      const strong = n.weight === 'Bolder' || n.style === 'heading' || n.size === 'ExtraLarge' || n.size === 'Large';
      return style(t, strong && ANSI.bold, n.isSubtle === true && ANSI.dim, COLOURS[String(n.color ?? '').toLowerCase()]);
    }
    if (n.type === 'RichTextBlock') return ((n.inlines as Node[] | undefined) ?? []).map((i) => (typeof i === 'string' ? i : String(i.text ?? ''))).join('');
    return '';
  };

  const render = (items: Node[] | undefined, indent: string): string[] => {
    const lines: string[] = [];
    for (const n of items ?? []) {
      if (n.isVisible === false) continue;
      const rendered = renderOne(n, indent);
      // the card's own spacing, as a blank line between blocks
      const spaced = n.separator === true || ['medium', 'large', 'extralarge', 'padding'].includes(String(n.spacing ?? '').toLowerCase());
      if (spaced && lines.length && rendered.length) lines.push(indent.trimEnd());
      lines.push(...rendered);
    }
    return lines;
  };

  const renderOne = (n: Node, indent: string): string[] => {
    switch (n.type) {
      case 'TextBlock':
      case 'RichTextBlock':
        return textOf(n)
          .split('\n')
          .map((l) => indent + l);
      case 'FactSet': {
        const facts = (n.facts as Array<{ title: string; value: string }> | undefined) ?? [];
        const w = Math.max(0, ...facts.map((f) => width(f.title)));
        return facts.map((f) => `${indent}${style(pad(f.title, w), ANSI.bold)}  ${f.value}`);
      }
      case 'Table':
        return renderTable(n, indent);
      case 'Container': {
        const quoted = n.style === 'emphasis' || n.style === 'accent' || n.style === 'good' || n.style === 'attention' || n.style === 'warning';
        return render(n.items as Node[], quoted ? `${indent}│ ` : indent);
      }
      case 'ColumnSet':
        return sideBySide(((n.columns as Node[] | undefined) ?? []).map((c) => render(c.items as Node[], '')), indent);
      case 'Image':
        return [`${indent}[bild${n.altText ? `: ${n.altText}` : ''}]`];
      case 'ActionSet':
        for (const a of (n.actions as Node[] | undefined) ?? []) addButton(a);
        return [];
      default:
        if (typeof n.type === 'string' && n.type.startsWith('Input.')) return [indent + describeInput(n)];
        return [`${indent}[${String(n.type)}]`];
    }
  };

  const renderTable = (n: Node, indent: string): string[] => {
    const rows = ((n.rows as Node[] | undefined) ?? []).map((r) =>
      ((r.cells as Node[] | undefined) ?? []).map((c) => ({
        text: render(c.items as Node[], '').join(' '),
        right: ((c.items as Node[] | undefined) ?? []).some((i) => i.horizontalAlignment === 'Right' || i.horizontalAlignment === 'right'),
      })),
    );
    const cols = Math.max(0, ...rows.map((r) => r.length));
    const widths = Array.from({ length: cols }, (_, i) => Math.max(0, ...rows.map((r) => width(r[i]?.text ?? ''))));
    const lines = rows.map((r) => indent + r.map((c, i) => pad(c.text, widths[i]!, c.right)).join('  ').trimEnd());
    if (n.firstRowAsHeader !== false && lines.length > 1) lines.splice(1, 0, indent + widths.map((w) => '─'.repeat(w)).join('  '));
    return lines;
  };

  const sideBySide = (columns: string[][], indent: string): string[] => {
    const widths = columns.map((c) => Math.max(0, ...c.map(width)));
    const height = Math.max(0, ...columns.map((c) => c.length));
    return Array.from({ length: height }, (_, row) => indent + columns.map((c, i) => pad(c[row] ?? '', widths[i]!)).join('  ').trimEnd());
  };

  const describeInput = (n: Node): string => {
    const input: CardInput = { id: String(n.id ?? ''), type: String(n.type), label: n.label as string | undefined, value: n.value, isRequired: n.isRequired === true };
    if (n.type === 'Input.ChoiceSet') input.choices = (n.choices as Array<{ title: string; value: string }> | undefined) ?? [];
    out.inputs.push(input);
    const choices = input.choices ? ` (${input.choices.map((c) => c.title).join(' / ')})` : '';
    const value = input.value !== undefined && input.value !== '' ? ` = ${String(input.value)}` : '';
    return `${style(`✎ ${input.label ?? input.id}`, ANSI.bold)}${choices}${value}${input.isRequired ? ' *' : ''}`;
  };

  const addButton = (a: Node) => {
    out.buttons.push({
      title: String(a.title ?? a.type),
      type: String(a.type),
      verb: a.verb as string | undefined,
      data: a.data as Record<string, unknown> | undefined,
      url: a.url as string | undefined,
      card: a.card as Record<string, unknown> | undefined,
    });
  };

  out.lines.push(...render(card.body as Node[], ''));
  for (const a of (card.actions as Node[] | undefined) ?? []) addButton(a);
  return out;
}

/** Breaks a long line at spaces to fit the terminal, repeating its indentation and quote marks. */
export function wrap(line: string, columns: number): string[] {
  const prefix = /^(?:│ |\s)*/.exec(line)![0];
  const room = Math.max(20, columns - width(prefix));
  const words = line.slice(prefix.length).split(' ');
  const out: string[] = [];
  let current = '';
  for (const word of words) {
    if (current && width(current) + 1 + width(word) > room) {
      out.push(prefix + current);
      current = word;
    } else current = current ? `${current} ${word}` : word;
  }
  out.push(prefix + current);
  return out;
}
