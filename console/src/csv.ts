/**
 * CSV made in the browser (tables whose figures the page already has) and saving a text as a file:
 * a BOM and CRLF as the server's exports have, so a spreadsheet opens Chinese text correctly.
 */

/** One field: quoted where it holds a comma, quote or line break; text a spreadsheet would run as a formula starts with an apostrophe. */
function field(value: string | number): string {
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvText(header: string[], rows: (string | number)[][]): string {
  const lines = [header, ...rows].map((r) => r.map(field).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** Saves a text as a file: a Blob behind a temporary link. */
export function download(text: string, fileName: string, contentType = 'text/csv; charset=utf-8') {
  const url = URL.createObjectURL(new Blob([text], { type: contentType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Saves a file the API sent as base64 (an XLSX, a CSV made on the server). */
export function downloadBase64(base64: string, fileName: string, contentType: string) {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: contentType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
