/**
 * Writes a float as Python's `repr` (and so `json.dumps`) does: `12.0` for an integral value,
 * exponent form below 1e-4 and from 1e16 on (`1e-05`, `1.5e+16`), the shortest round-trip digits.
 */
export function formatPythonFloat(value: number): string {
  if (!Number.isFinite(value)) {
    throw new RangeError(
      `${value} cannot be written as JSON; the provider never sends NaN or Infinity.`,
    );
  }
  if (Object.is(value, -0)) return '-0.0';
  const [mantissa = '0', exponentText = '0'] = value.toExponential().split('e');
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= 16) {
    const sign = exponent < 0 ? '-' : '+';
    return `${mantissa}e${sign}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  const fixed = String(value);
  return Number.isInteger(value) ? `${fixed}.0` : fixed;
}
