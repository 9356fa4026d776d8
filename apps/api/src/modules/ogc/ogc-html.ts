/** Escapes text for HTML: nothing from the database reaches a page unescaped. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** A plain HTML page for people who open the OGC API in a browser. */
export function htmlPage(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} – Nabolag OGC API</title>
<style>body{font-family:system-ui,sans-serif;margin:1.5rem;max-width:70rem;color:#1a1a1a}table{border-collapse:collapse}td,th{border:1px solid #bbb;padding:.25rem .5rem;text-align:start;vertical-align:top}a{color:#1d4f91}</style>
</head><body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`;
}

export function linkList(links: Array<{ href: string; rel: string; title?: string; type?: string }>): string {
  return `<ul>${links
    .map(
      (link) =>
        `<li><a href="${escapeHtml(link.href)}">${escapeHtml(link.title ?? link.rel)}</a> (${escapeHtml(link.rel)})</li>`,
    )
    .join('')}</ul>`;
}

export function featureTable(
  features: Array<{ id: string | number; properties: Record<string, unknown> }>,
): string {
  const columns = [...new Set(features.flatMap((feature) => Object.keys(feature.properties)))];
  const head = `<tr><th>id</th>${columns.map((column) => `<th>${escapeHtml(column)}</th>`).join('')}</tr>`;
  const rows = features
    .map(
      (feature) =>
        `<tr><td>${escapeHtml(feature.id)}</td>${columns.map((column) => `<td>${escapeHtml(feature.properties[column])}</td>`).join('')}</tr>`,
    )
    .join('');
  return `<table>${head}${rows}</table>`;
}
