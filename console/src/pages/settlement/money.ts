/** Yuan typed by a person ("12", "-3.5", "0.07") as integer fen, or null; no floats on the way. */
export function yuanToFen(text: string): number | null {
  const m = /^(-)?(\d{1,10})(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!m) return null;
  const fen = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  return m[1] ? -fen : fen;
}
