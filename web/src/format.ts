// Numbers as councils print them: £ with thousands separators, negatives in brackets-free minus form.

const pounds = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' });
const wholePounds = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP', maximumFractionDigits: 0 });
const count = new Intl.NumberFormat('en-GB');

/** Pence (an exact integer from the API) as pounds and pence: 123456 → "£1,234.56". */
export function money(pence: number): string {
  return formatPence(pence, pounds);
}

/** Pence to the nearest pound, half away from zero as the engine rounds: 123450 → "£1,235". */
export function moneyWhole(pence: number): string {
  const pounds = Math.sign(pence) * Math.floor((Math.abs(pence) + 50) / 100);
  return wholePounds.format(pounds).replace('-', '−');
}

/** Pence as £000 to one decimal place, as budget tables print them: 123456789 → "1,234.6". */
export function thousands(pence: number): string {
  const tenths = Math.sign(pence) * Math.floor((Math.abs(pence) + 5000) / 10000);
  const text = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(tenths / 10);
  return text.replace('-', '−');
}

export function people(n: number): string {
  return count.format(n);
}

function formatPence(pence: number, format: Intl.NumberFormat): string {
  // Whole pounds and pence separately, so large figures never pass through a rounded float.
  const sign = pence < 0 ? '−' : '';
  const abs = Math.abs(pence);
  const text = format.format(Math.trunc(abs / 100) + (abs % 100) / 100);
  return sign + text;
}

/** An ISO date as councils print it: "2026-09-30" → "30/09/2026". */
export function ukDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return d && m && y ? `${d}/${m}/${y}` : iso;
}
