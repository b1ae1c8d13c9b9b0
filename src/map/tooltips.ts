/**
 * Hover-card HTML shared by the map layers. Plain strings escaped for HTML: deck.gl sets them as
 * the tooltip's innerHTML.
 */

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** One "label: value" line of a hover card. */
export function tipRow(label: string, value: string): string {
  return `<div class="tip-row"><span>${escapeHtml(label)}</span><b>${escapeHtml(value)}</b></div>`;
}

/** A hover card: a title, an optional grey kind line, then rows made by `tipRow`. */
export function tipCard(title: string, kind: string | null, rows: readonly string[]): string {
  const kindLine = kind ? `<div class="tip-kind">${escapeHtml(kind)}</div>` : '';
  return `<div class="tip-title">${escapeHtml(title)}</div>${kindLine}${rows.join('')}`;
}
